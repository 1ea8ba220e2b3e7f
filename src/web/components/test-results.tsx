import type { Exercise } from "../../api/types.ts";
import type { TestRunResult } from "../../python/types.ts";
import type { ExerciseGrade } from "../../study/grading/exercise.ts";

/** `... (at tests.py line 9)`: where a test failed, as the harness reports it. */
const WHERE = /\(at (tests|solution)\.py line (\d+)\)\s*$/;

/**
 * The line a failure points at, quoted from the file it names. "SyntaxError: invalid
 * syntax (at tests.py line 9)" alone does not say that line 9 is `eval(repr(p))`, i.e. that
 * the object's repr is not valid Python yet; with the line it reads as what it is.
 */
export function failureSource(
  message: string,
  files: { tests: string; solution: string },
): { file: string; line: number; text: string } | null {
  const match = WHERE.exec(message);
  if (!match) return null;
  const file = match[1] === "tests" ? files.tests : files.solution;
  const line = Number(match[2]);
  const text = file.split("\n")[line - 1]?.trim();
  return text ? { file: `${match[1]}.py`, line, text } : null;
}

/** The grade heading (takes focus after Submit) and each test's verdict. */
export function TestResults({
  grade,
  tests,
  exercise,
  code,
  headingRef,
}: {
  grade: ExerciseGrade;
  tests: TestRunResult["tests"];
  exercise: Exercise;
  /** The candidate's code as it was submitted, for quoting a failing line of it. */
  code: string;
  headingRef?: React.Ref<HTMLHeadingElement>;
}) {
  const files = { tests: exercise.tests, solution: code };
  const failed = tests.filter((test) => !test.passed).length;
  return (
    <section className="grade result-panel" aria-labelledby="tests-heading">
      <h3
        id="tests-heading"
        ref={headingRef}
        tabIndex={-1}
        className={grade.correct ? "verdict ok" : "verdict warn"}
        data-testid="grade"
      >
        <span aria-hidden="true">{grade.correct ? "✓ " : "✗ "}</span>
        {grade.summary}
      </h3>
      {tests.length > 0 && !grade.correct ? (
        <p className="muted small">
          {failed} of {tests.length} {tests.length === 1 ? "test" : "tests"} failed.
        </p>
      ) : null}
      <ul className="tests">
        {tests.map((test) => {
          const source = test.message ? failureSource(test.message, files) : null;
          return (
            <li key={test.name} className={test.passed ? "ok" : "warn"}>
              <span aria-hidden="true">{test.passed ? "✓" : "✗"}</span>{" "}
              <span className="sr-only">{test.passed ? "passed:" : "failed:"}</span>
              <code>{test.name}</code>
              {test.message ? <pre className="message">{test.message}</pre> : null}
              {source ? (
                <p className="failure-source">
                  <span className="muted small">
                    {source.file} line {source.line}:
                  </span>{" "}
                  <code>{source.text}</code>
                </p>
              ) : null}
            </li>
          );
        })}
        {tests.length === 0
          ? grade.failures.map((failure) => (
              <li key={failure.name} className="warn">
                <pre className="message">{failure.message}</pre>
              </li>
            ))
          : null}
      </ul>
    </section>
  );
}

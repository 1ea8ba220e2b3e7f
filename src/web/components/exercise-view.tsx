import { useRef, useState } from "react";
import type { Exercise } from "../../api/types.ts";
import { describeLimit } from "../../python/output.ts";
import type { RunResult, TestRunResult } from "../../python/types.ts";
import { type ExerciseGrade, gradeExercise } from "../../study/grading/exercise.ts";
import { announce } from "../lib/announce.ts";
import { useShortcuts } from "../lib/shortcuts.ts";
import { runPython, runPythonTests } from "../python/runtime.ts";
import { CodeEditor, type CodeEditorRef } from "./code-editor.tsx";
import { Html } from "./html.tsx";
import { usePythonState } from "./python-status.tsx";
import { RunOutput } from "./run-output.tsx";
import { TIME_LIMIT_S } from "./runnable-block.tsx";
import { StopButton } from "./stop-button.tsx";

/** Why the tests could not report (a syntax error, a limit), for gradeExercise. */
function runError(result: TestRunResult): string | null {
  const limit = describeLimit(result, TIME_LIMIT_S);
  if (limit) return limit;
  if (result.tests.length === 0 && result.exception) return result.exception.line;
  return null;
}

/** An exercise's prompt, editor, Run and Submit, and the test results; used by study and the question page. */
export function ExerciseView({
  exercise,
  onGraded,
  globalShortcuts = false,
}: {
  exercise: Exercise;
  /** In a study session the shortcuts work from anywhere; on a page with several, only inside. */
  globalShortcuts?: boolean;
  /** Told after every Submit, with the grade. */
  onGraded?: (grade: ExerciseGrade) => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditorRef>(null);
  const python = usePythonState();
  const [busy, setBusy] = useState<"run" | "submit" | null>(null);
  const [output, setOutput] = useState<RunResult | null>(null);
  const [grade, setGrade] = useState<ExerciseGrade | null>(null);
  const [tests, setTests] = useState<TestRunResult["tests"]>([]);
  const canRun = exercise.runsOn !== "cpython";

  const run = async () => {
    if (busy || !canRun) return;
    setBusy("run");
    setGrade(null);
    const result = await runPython({
      code: editor.current?.getValue() ?? exercise.starter,
      timeLimitS: TIME_LIMIT_S,
    });
    setOutput(result);
    setBusy(null);
    announce(result.limit ? (describeLimit(result, TIME_LIMIT_S) ?? "Stopped") : "Run finished");
  };

  const submit = async () => {
    if (busy || !canRun) return;
    setBusy("submit");
    setOutput(null);
    const result = await runPythonTests({
      code: editor.current?.getValue() ?? exercise.starter,
      tests: exercise.tests,
      timeLimitS: TIME_LIMIT_S,
    });
    const next = gradeExercise(result.tests, runError(result));
    setTests(result.tests);
    setGrade(next);
    if (result.stdout || result.stderr || result.limit) setOutput(result);
    setBusy(null);
    announce(next.correct ? `All tests passed: ${next.summary}` : `Not yet: ${next.summary}`);
    onGraded?.(next);
  };

  const reset = () => {
    editor.current?.setValue(exercise.starter);
    setOutput(null);
    setGrade(null);
    setTests([]);
    announce("Editor reset to the starter code");
    editor.current?.focus();
  };

  useShortcuts(
    { "mod+Enter": () => void run(), "shift+mod+Enter": () => void submit(), "alt+r": reset },
    { inFields: true, enabled: canRun, ...(globalShortcuts ? {} : { scope: root }) },
  );

  return (
    <div className="exercise" ref={root}>
      <Html html={exercise.promptHtml} />
      {canRun ? (
        <>
          <CodeEditor
            ref={editor}
            initial={exercise.starter}
            label={`Your solution: ${exercise.title}`}
          />
          <div className="row toolbar">
            <button
              type="button"
              onClick={() => void run()}
              disabled={!!busy}
              aria-keyshortcuts="Control+Enter"
            >
              {busy === "run" ? "Running…" : "Run"}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void submit()}
              disabled={!!busy}
              aria-keyshortcuts="Control+Shift+Enter"
            >
              {busy === "submit" ? "Testing…" : "Submit"}
            </button>
            {busy ? <StopButton /> : null}
            <button type="button" className="ghost" onClick={reset} aria-keyshortcuts="Alt+R">
              Reset to starter
            </button>
            {python === "loading" ? <span className="muted">Python is still loading…</span> : null}
          </div>
        </>
      ) : (
        <div className="cpython-only" data-testid="cpython-only">
          <p>
            <strong>Runs on CPython only.</strong>{" "}
            {exercise.runsOnReason ?? "This exercise needs features Pyodide lacks in the browser."}{" "}
            Write it in your own editor, compare with the reference solution, and rate yourself.
          </p>
          <details>
            <summary>Reference solution</summary>
            <pre className="code">{exercise.solution}</pre>
          </details>
        </div>
      )}
      {output ? <RunOutput result={output} timeLimitS={TIME_LIMIT_S} /> : null}
      {grade ? (
        <section className="grade" aria-labelledby="tests-heading">
          <h3 id="tests-heading" className={grade.correct ? "ok" : "warn"} data-testid="grade">
            {grade.correct ? "✓ " : "✗ "}
            {grade.summary}
          </h3>
          <ul className="tests">
            {tests.map((test) => (
              <li key={test.name} className={test.passed ? "ok" : "warn"}>
                <span aria-hidden="true">{test.passed ? "✓" : "✗"}</span>{" "}
                <span className="sr-only">{test.passed ? "passed:" : "failed:"}</span>
                <code>{test.name}</code>
                {test.message ? <pre className="message">{test.message}</pre> : null}
              </li>
            ))}
            {tests.length === 0
              ? grade.failures.map((failure) => (
                  <li key={failure.name} className="warn">
                    <pre className="message">{failure.message}</pre>
                  </li>
                ))
              : null}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

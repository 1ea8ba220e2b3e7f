import { useRef, useState } from "react";
import type { Exercise } from "../../api/types.ts";
import { describeLimit } from "../../python/output.ts";
import type { RunResult, TestRunResult } from "../../python/types.ts";
import { type ExerciseGrade, gradeExercise } from "../../study/grading/exercise.ts";
import { announce } from "../lib/announce.ts";
import { useShortcuts } from "../lib/shortcuts.ts";
import { runPython, runPythonTests } from "../python/runtime.ts";
import { useStepThrough } from "../visualizer/step-through.tsx";
import { CodeBlock } from "./code-block.tsx";
import { CodeEditor, type CodeEditorRef } from "./code-editor.tsx";
import { Html } from "./html.tsx";
import { busyLabel, usePythonPhase } from "./python-status.tsx";
import { RunOutput } from "./run-output.tsx";
import { TIME_LIMIT_S } from "./runnable-block.tsx";
import { StopButton } from "./stop-button.tsx";
import { TestResults } from "./test-results.tsx";

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
  const phase = usePythonPhase();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState<"run" | "submit" | null>(null);
  const [notice, setNotice] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [output, setOutput] = useState<RunResult | null>(null);
  const [grade, setGrade] = useState<ExerciseGrade | null>(null);
  const [tests, setTests] = useState<TestRunResult["tests"]>([]);
  const canRun = exercise.runsOn !== "cpython";
  const stepThrough = useStepThrough({
    getCode: () => editor.current?.getValue() ?? exercise.starter,
    name: `Your solution: ${exercise.title}`,
  });

  /** One program at a time: a second Run or Submit is answered, not silently dropped. */
  const stillBusy = () => {
    setNotice("Still running. Press Esc or Stop to end it, then try again.");
    announce("Still running. Press Escape to stop it.");
  };

  const run = async () => {
    if (!canRun) return;
    if (busy) return stillBusy();
    setNotice("");
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
    if (!canRun) return;
    if (busy) return stillBusy();
    setNotice("");
    // Typing in the editor, the candidate stays there; from a button, focus goes to the result.
    const fromEditor = !!document.activeElement?.closest(".cm-editor");
    setBusy("submit");
    setOutput(null);
    const code = editor.current?.getValue() ?? exercise.starter;
    setSubmitted(code);
    const result = await runPythonTests({
      code,
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
    if (!fromEditor) requestAnimationFrame(() => resultHeading.current?.focus());
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
            {/* aria-disabled, not disabled: a disabled button drops the focus to <body>. */}
            <button
              type="button"
              className="run"
              onClick={() => void run()}
              aria-disabled={busy ? true : undefined}
              aria-keyshortcuts="Control+Enter"
            >
              {busy === "run" ? busyLabel(phase, "run") : "Run"}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void submit()}
              aria-disabled={busy ? true : undefined}
              aria-keyshortcuts="Control+Shift+Enter"
            >
              {busy === "submit" ? busyLabel(phase, "submit") : "Submit"}
            </button>
            {busy ? <StopButton /> : null}
            <button type="button" className="ghost" onClick={reset} aria-keyshortcuts="Alt+R">
              Reset to starter
            </button>
            {stepThrough.button}
            {phase === "loading" && !busy ? (
              <span className="muted small">Python is loading; Run waits for it.</span>
            ) : null}
            <output className="muted small" data-testid="run-notice">
              {notice}
            </output>
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
            <CodeBlock label="Reference solution" python={exercise.solution} />
          </details>
        </div>
      )}
      {canRun ? stepThrough.panel : null}
      {output ? <RunOutput result={output} timeLimitS={TIME_LIMIT_S} /> : null}
      {grade ? (
        <TestResults
          grade={grade}
          tests={tests}
          exercise={exercise}
          code={submitted}
          headingRef={resultHeading}
        />
      ) : null}
    </div>
  );
}

import { useRef, useState } from "react";
import type { Runnable } from "../../api/types.ts";
import type { RunResult } from "../../python/types.ts";
import { announce } from "../lib/announce.ts";
import { useShortcut } from "../lib/shortcuts.ts";
import { runPython } from "../python/runtime.ts";
import { useStepThrough } from "../visualizer/step-through.tsx";
import { CodeBlock } from "./code-block.tsx";
import { CodeEditor, type CodeEditorRef } from "./code-editor.tsx";
import { Html } from "./html.tsx";
import { capitalise, InlineCode } from "./inline-code.tsx";
import { busyLabel, usePythonPhase } from "./python-status.tsx";
import { RunOutput } from "./run-output.tsx";
import { StopButton } from "./stop-button.tsx";

export const TIME_LIMIT_S = 5;

/**
 * A runnable example: read it highlighted, edit it in place (CodeMirror loads then), Run it
 * in the browser's Python and reset it to the original; for CPython-only code, the output
 * verified on CPython and why it cannot run here.
 */
export function RunnableBlock({
  runnable,
  headingLevel = 3,
  showExpected = true,
  editable = true,
}: {
  runnable: Runnable;
  headingLevel?: 3 | 4;
  showExpected?: boolean;
  editable?: boolean;
}) {
  const phase = usePythonPhase();
  const root = useRef<HTMLElement>(null);
  const editor = useRef<CodeEditorRef>(null);
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState(false);
  const [running, setRunning] = useState(false);
  const [notice, setNotice] = useState("");
  const [result, setResult] = useState<{ run: RunResult; edited: boolean } | null>(null);
  const Heading = `h${headingLevel}` as const;
  const browserCan = runnable.runsOn !== "cpython";
  const name = runnable.title || "Example";
  const stepThrough = useStepThrough({
    getCode: () => editor.current?.getValue() ?? runnable.code,
    stdin: runnable.stdin,
    name,
    initiallyOpen: runnable.visualize === "open",
  });

  const run = async () => {
    if (!browserCan) return;
    if (running) {
      // Said out loud, not swallowed: one program at a time, and Esc is the way out.
      setNotice("Still running. Press Esc or Stop to end it, then run again.");
      announce("Still running. Press Escape to stop it.");
      return;
    }
    const code = editor.current?.getValue() ?? runnable.code;
    const isEdited = code !== runnable.code;
    setRunning(true);
    setNotice("");
    setResult(null);
    const next = await runPython({
      code,
      ...(runnable.stdin === undefined ? {} : { stdin: runnable.stdin }),
      timeLimitS: TIME_LIMIT_S,
    });
    setResult({ run: next, edited: isEdited });
    setRunning(false);
    setNotice("");
    announce(
      next.limit ? `Run ${next.limit === "stopped" ? "stopped" : "hit a limit"}` : "Run finished",
    );
  };

  const reset = () => {
    editor.current?.setValue(runnable.code);
    setEdited(false);
    setResult(null);
    announce(`${name}: back to the original code`);
    editor.current?.focus();
  };

  useShortcut("mod+Enter", () => void run(), { inFields: true, scope: root });

  return (
    <section className="runnable" aria-label={name} ref={root} data-edited={edited || undefined}>
      {runnable.title ? (
        <Heading>
          <InlineCode text={capitalise(runnable.title)} />
        </Heading>
      ) : null}
      {runnable.introHtml ? <Html html={runnable.introHtml} /> : null}
      {editing ? (
        <CodeEditor
          ref={editor}
          initial={runnable.code}
          label={`Edit the code: ${name}`}
          autoFocus
          onChange={(text) => setEdited(text !== runnable.code)}
        />
      ) : (
        <CodeBlock label="Python code" python={runnable.code} />
      )}
      {runnable.stdin ? (
        <details>
          <summary>Standard input</summary>
          <pre className="code">{runnable.stdin}</pre>
        </details>
      ) : null}
      {browserCan ? (
        <div className="row toolbar">
          <button
            type="button"
            className="run"
            onClick={() => void run()}
            aria-disabled={running || undefined}
            aria-keyshortcuts="Control+Enter"
          >
            {running ? busyLabel(phase, "run") : "Run"}
          </button>
          {running ? <StopButton /> : null}
          {editable && !editing ? (
            <button type="button" className="ghost" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          {editing ? (
            <button type="button" className="ghost" onClick={reset} disabled={!edited}>
              Reset
            </button>
          ) : null}
          {phase === "loading" && !running ? (
            <span className="muted small">Python is loading; Run waits for it.</span>
          ) : null}
          {stepThrough.button}
          {edited ? <span className="tag">Edited</span> : null}
          <output className="muted small" data-testid="run-notice">
            {notice}
          </output>
        </div>
      ) : (
        <div className="cpython-only" data-testid="cpython-only">
          <p>
            <strong>Runs on CPython only.</strong>{" "}
            {runnable.runsOnReason ?? "This code needs features Pyodide lacks in the browser."}
          </p>
          <h4 className="label">Output (verified on CPython)</h4>
          <CodeBlock className="output" label="Verified output">
            {runnable.expectedOutput}
          </CodeBlock>
        </div>
      )}
      {browserCan ? stepThrough.panel : null}
      {result ? (
        <RunOutput
          result={result.run}
          timeLimitS={TIME_LIMIT_S}
          expected={showExpected && !result.edited ? runnable.expectedOutput : undefined}
        />
      ) : null}
      {showExpected && browserCan && !result ? (
        <details>
          <summary>Verified output</summary>
          <CodeBlock className="output" label="Verified output">
            {runnable.expectedOutput}
          </CodeBlock>
        </details>
      ) : null}
      {runnable.explanationHtml && showExpected ? <Html html={runnable.explanationHtml} /> : null}
    </section>
  );
}

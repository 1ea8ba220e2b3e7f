import { useRef, useState } from "react";
import type { Runnable } from "../../api/types.ts";
import type { RunResult } from "../../python/types.ts";
import { announce } from "../lib/announce.ts";
import { useShortcut } from "../lib/shortcuts.ts";
import { runPython } from "../python/runtime.ts";
import { CodeBlock } from "./code-block.tsx";
import { Html } from "./html.tsx";
import { usePythonState } from "./python-status.tsx";
import { RunOutput } from "./run-output.tsx";
import { StopButton } from "./stop-button.tsx";

export const TIME_LIMIT_S = 5;

/**
 * A runnable example: Run it in the browser's Python, or, for CPython-only code, show
 * the output verified on CPython and say why it cannot run here.
 */
export function RunnableBlock({
  runnable,
  headingLevel = 3,
  showExpected = true,
}: {
  runnable: Runnable;
  headingLevel?: 3 | 4;
  showExpected?: boolean;
}) {
  const python = usePythonState();
  const root = useRef<HTMLElement>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<RunResult | null>(null);
  const Heading = `h${headingLevel}` as const;
  const browserCan = runnable.runsOn !== "cpython";

  const run = async () => {
    if (running || !browserCan) return;
    setRunning(true);
    setResult(null);
    const next = await runPython({
      code: runnable.code,
      ...(runnable.stdin === undefined ? {} : { stdin: runnable.stdin }),
      timeLimitS: TIME_LIMIT_S,
    });
    setResult(next);
    setRunning(false);
    announce(
      next.limit ? `Run ${next.limit === "stopped" ? "stopped" : "hit a limit"}` : "Run finished",
    );
  };

  useShortcut("mod+Enter", () => void run(), { inFields: true, scope: root });

  return (
    <section className="runnable" aria-label={runnable.title || "Example"} ref={root}>
      {runnable.title ? <Heading>{runnable.title}</Heading> : null}
      {runnable.introHtml ? <Html html={runnable.introHtml} /> : null}
      <CodeBlock label="Python code">
        <code>{runnable.code}</code>
      </CodeBlock>
      {runnable.stdin ? (
        <details>
          <summary>Standard input</summary>
          <pre className="code">{runnable.stdin}</pre>
        </details>
      ) : null}
      {browserCan ? (
        <div className="row">
          <button type="button" onClick={run} disabled={running} aria-keyshortcuts="Control+Enter">
            {running
              ? "Running…"
              : python === "ready" || python === "running"
                ? "Run"
                : "Run (Python loading)"}
          </button>
          {running ? <StopButton /> : null}
        </div>
      ) : (
        <div className="cpython-only" data-testid="cpython-only">
          <p>
            <strong>Runs on CPython only.</strong>{" "}
            {runnable.runsOnReason ?? "This code needs features Pyodide lacks in the browser."}
          </p>
          <h4 className="label">Output (verified on CPython)</h4>
          <pre className="output">{runnable.expectedOutput}</pre>
        </div>
      )}
      {result ? (
        <RunOutput
          result={result}
          timeLimitS={TIME_LIMIT_S}
          expected={showExpected ? runnable.expectedOutput : undefined}
        />
      ) : null}
      {showExpected && browserCan && !result ? (
        <details>
          <summary>Verified output</summary>
          <pre className="output">{runnable.expectedOutput}</pre>
        </details>
      ) : null}
      {runnable.explanationHtml && showExpected ? <Html html={runnable.explanationHtml} /> : null}
    </section>
  );
}

import { useEffect, useState } from "react";
import { TraceError } from "../../python/trace/decode.ts";
import { traceCode } from "../../python/trace/trace.ts";
import type { Trace } from "../../python/trace/types.ts";
import { announce } from "../lib/announce.ts";
import { runPython } from "../python/runtime.ts";
import { TraceView } from "./trace-view.tsx";
import "./visualizer.css";

/** Tracing runs the program once more under the tracer; 10 s, as tracing is slower. */
const TRACE_TIME_LIMIT_S = 10;

/**
 * The step-through visualizer (loaded on demand, see step-through.tsx): traces the code in
 * the page's Python worker, then shows it one step at a time.
 */
export default function Visualizer({
  code,
  stdin,
  name,
  autoFocus = true,
}: {
  code: string;
  stdin?: string | undefined;
  name: string;
  /** Focus Next step when the trace is ready (not for a panel opened by default). */
  autoFocus?: boolean;
}) {
  const [state, setState] = useState<
    { kind: "tracing" } | { kind: "ready"; trace: Trace } | { kind: "failed"; message: string }
  >({ kind: "tracing" });

  useEffect(() => {
    let live = true;
    setState({ kind: "tracing" });
    traceCode(
      { run: runPython },
      { code, ...(stdin === undefined ? {} : { stdin }), timeLimitS: TRACE_TIME_LIMIT_S },
    ).then(
      (trace) => {
        if (!live) return;
        setState({ kind: "ready", trace });
        announce(`Traced ${name}: ${trace.steps.length} steps. Use the arrow keys to step.`);
      },
      (error: unknown) => {
        if (!live) return;
        const message =
          error instanceof TraceError
            ? error.message
            : `The trace could not be read: ${String(error)}`;
        setState({ kind: "failed", message });
      },
    );
    return () => {
      live = false;
    };
  }, [code, stdin, name]);

  return (
    <section className="viz" aria-label={`Step through: ${name}`} data-testid="visualizer">
      {state.kind === "tracing" ? (
        <output className="muted">Tracing the program…</output>
      ) : state.kind === "failed" ? (
        <p className="warn" role="alert">
          {state.message}
        </p>
      ) : (
        <TraceView trace={state.trace} code={code} autoFocus={autoFocus} />
      )}
    </section>
  );
}

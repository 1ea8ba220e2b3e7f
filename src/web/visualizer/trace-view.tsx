import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { Trace } from "../../python/trace/types.ts";
import { CodeBlock } from "../components/code-block.tsx";
import { CodeView } from "./code-view.tsx";
import { stepSummary } from "./describe.ts";
import { HeapView } from "./heap-view.tsx";
import { layoutColumns } from "./layout.ts";
import { References } from "./references.tsx";

/** A trace, one step at a time: controls, the code, the drawing, its text and the output. */
export function TraceView({
  trace,
  code,
  autoFocus = true,
}: {
  trace: Trace;
  code: string;
  autoFocus?: boolean;
}) {
  const [index, setIndex] = useState(0);
  const [drawPrimitives, setDrawPrimitives] = useState(false);
  const nextButton = useRef<HTMLButtonElement>(null);
  const count = trace.steps.length;
  const lastIndex = Math.max(0, count - 1);
  const go = (to: number) => setIndex(Math.min(lastIndex, Math.max(0, to)));

  useEffect(() => {
    if (autoFocus) nextButton.current?.focus({ preventScroll: true });
  }, [autoFocus]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    // The range input and the checkbox keep their own arrow and space keys.
    if (target instanceof HTMLInputElement) return;
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: lastIndex,
    };
    const to = moves[event.key];
    if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    go(to);
  };

  const step = trace.steps[index];
  const atEnd = index === lastIndex;
  const summary = stepSummary(trace, index);
  const end = trace.end;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys step from anywhere inside
    <div className="viz-body" onKeyDown={onKeyDown} data-step={index}>
      <div className="row toolbar viz-controls">
        <button type="button" onClick={() => go(0)} disabled={index === 0} aria-keyshortcuts="Home">
          First
        </button>
        <button
          type="button"
          onClick={() => go(index - 1)}
          disabled={index === 0}
          aria-keyshortcuts="ArrowLeft"
        >
          <span aria-hidden="true">← </span>Previous step
        </button>
        <button
          type="button"
          ref={nextButton}
          className="primary"
          onClick={() => go(index + 1)}
          aria-disabled={atEnd || undefined}
          aria-keyshortcuts="ArrowRight"
        >
          Next step<span aria-hidden="true"> →</span>
        </button>
        <button
          type="button"
          onClick={() => go(lastIndex)}
          disabled={atEnd}
          aria-keyshortcuts="End"
        >
          Run to end
        </button>
        <label className="viz-jump">
          <span>
            Step {count === 0 ? 0 : index + 1} of {count}
          </span>
          <input
            type="range"
            min={1}
            max={Math.max(1, count)}
            value={index + 1}
            onChange={(e) => go(Number(e.target.value) - 1)}
            aria-label="Jump to step"
            aria-valuetext={summary}
            disabled={count < 2}
          />
        </label>
        <label className="viz-option">
          <input
            type="checkbox"
            checked={drawPrimitives}
            onChange={(e) => setDrawPrimitives(e.target.checked)}
          />
          <span>Draw small values (ints, strings) as objects</span>
        </label>
      </div>
      <p className="sr-only" aria-live="polite" data-testid="viz-live">
        {summary}
      </p>
      <p className="muted small" aria-hidden="true">
        {summary} Keys: ← → step, Home and End.
      </p>
      <div className="viz-layout">
        <CodeView
          code={code}
          next={step ? step.line : null}
          ran={index > 0 ? (trace.steps[index - 1]?.line ?? null) : null}
        />
        {step ? (
          <div className="viz-state-view">
            <HeapView step={step} drawPrimitives={drawPrimitives} />
            <References
              step={step}
              boxed={layoutColumns(step, drawPrimitives).flat()}
              drawPrimitives={drawPrimitives}
            />
          </div>
        ) : null}
      </div>
      {atEnd && end.status === "exception" && end.exception ? (
        <div className="viz-exception">
          <h5 className="label">Uncaught exception</h5>
          <CodeBlock className="output stderr" label="Traceback">
            {end.exception.traceback}
          </CodeBlock>
        </div>
      ) : null}
      {end.message && (atEnd || end.status === "limit" || end.status === "cut") ? (
        <p className="warn" data-testid="viz-limit">
          {end.message}
        </p>
      ) : null}
      {atEnd && end.status === "exit" ? (
        <p className="muted">The program called sys.exit({end.exitCode ?? 0}).</p>
      ) : null}
      <h5 className="label">Printed so far</h5>
      <CodeBlock className="output" label="Printed so far">
        {step?.stdout || <span className="muted">(nothing printed yet)</span>}
      </CodeBlock>
    </div>
  );
}

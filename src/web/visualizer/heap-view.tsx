import { useId, useLayoutEffect, useRef, useState } from "react";
import type { Step } from "../../python/trace/types.ts";
import { type Arrow, measureArrows } from "./arrows.ts";
import { layoutColumns } from "./layout.ts";
import { FrameRows, ObjectBox } from "./object-box.tsx";
import { ValueSlot } from "./value-slot.tsx";

/**
 * Frames on the left, objects on the right in columns, arrows between them in one SVG
 * laid over both. The SVG is decoration for sighted readers: the same references are in
 * the text alternative (references.tsx), so it is hidden from assistive technology.
 */
export function HeapView({ step, drawPrimitives }: { step: Step; drawPrimitives: boolean }) {
  const canvas = useRef<HTMLElement>(null);
  const [arrows, setArrows] = useState<Arrow[]>([]);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const marker = useId().replace(/:/g, "");
  const columns = layoutColumns(step, drawPrimitives);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraw when the step or the option changes what is drawn
  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const redraw = () => {
      setArrows(measureArrows(el));
      setSize({ width: el.scrollWidth, height: el.scrollHeight });
    };
    redraw();
    const observer = new ResizeObserver(redraw);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  }, [step, drawPrimitives]);

  const top = step.frames.length - 1;
  return (
    <section
      className="viz-canvas"
      ref={canvas}
      data-testid="viz-canvas"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the drawing scrolls on a phone, so it must take focus
      tabIndex={0}
      aria-label="Frames and objects"
    >
      <div className="viz-frames">
        <h5 className="label">Frames</h5>
        {step.frames.map((frame, i) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: a stack's frames are named by depth
            key={i}
            className="viz-frame"
            data-frame={i}
            data-current={i === top || undefined}
          >
            <div className="viz-frame-name">
              <code>{frame.name === "<module>" ? "Global frame" : frame.name}</code>
              {frame.generator ? <span className="viz-state">generator</span> : null}
              <span className="viz-id">line {frame.line}</span>
            </div>
            <FrameRows
              step={step}
              frame={frame}
              prefix={`f${i}.`}
              drawPrimitives={drawPrimitives}
            />
            {i === top && step.returned !== undefined ? (
              <p className="viz-special">
                {step.event === "yield" ? "Yields" : "Returns"}{" "}
                <ValueSlot
                  step={step}
                  to={step.returned}
                  from="ret"
                  drawPrimitives={drawPrimitives}
                />
              </p>
            ) : null}
            {i === top && step.exception !== undefined ? (
              <p className="viz-special viz-raising">
                Raising{" "}
                <ValueSlot
                  step={step}
                  to={step.exception}
                  from="exc"
                  drawPrimitives={drawPrimitives}
                />
              </p>
            ) : null}
          </div>
        ))}
      </div>
      <div className="viz-objects">
        <h5 className="label">Objects</h5>
        <div className="viz-columns">
          {columns.length === 0 ? <p className="muted small">No objects yet.</p> : null}
          {columns.map((column) => (
            <div className="viz-col" key={column[0]}>
              {column.map((ref) => (
                <ObjectBox key={ref} step={step} id={ref} drawPrimitives={drawPrimitives} />
              ))}
            </div>
          ))}
        </div>
      </div>
      <svg
        className="viz-arrows"
        aria-hidden="true"
        width={size.width}
        height={size.height}
        data-testid="viz-arrows"
      >
        <defs>
          <marker
            id={marker}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" className="viz-head" />
          </marker>
        </defs>
        {arrows.map((arrow) => (
          <path
            key={arrow.from}
            d={arrow.d}
            data-from={arrow.from}
            data-to={arrow.to}
            markerEnd={`url(#${marker})`}
          />
        ))}
      </svg>
    </section>
  );
}

import type { Ref, Step } from "../../python/trace/types.ts";
import { describeObject, references } from "./describe.ts";

/** The drawing as text: every name and slot, and what it points to (the arrows' alternative). */
export function References({
  step,
  boxed,
  drawPrimitives,
}: {
  step: Step;
  boxed: Ref[];
  drawPrimitives: boolean;
}) {
  const refs = references(step, boxed, drawPrimitives);
  const inline = step.frames.flatMap((frame) =>
    frame.vars
      .filter((v) => !refs.some((r) => r.from === `f${step.frames.indexOf(frame)}.${v.name}`))
      .map((v) => ({
        label: `${frame.name}: ${v.name}`,
        text: describeObject(step, v.ref, drawPrimitives),
      })),
  );
  return (
    <details className="viz-text">
      <summary>The drawing as text</summary>
      <ul data-testid="viz-references">
        {refs.map((r) => (
          <li key={r.from} data-from={r.from} data-to={r.to}>
            {r.label} → {describeObject(step, r.to, drawPrimitives)}
          </li>
        ))}
        {inline.map((v) => (
          <li key={v.label}>
            {v.label} = {v.text}
          </li>
        ))}
      </ul>
    </details>
  );
}

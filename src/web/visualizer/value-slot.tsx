import type { Ref, Step } from "../../python/trace/types.ts";
import { isInline } from "./layout.ts";

/**
 * One slot's value: a small immutable as text, anything else a dot an arrow leaves from.
 * `from` names the slot for the arrow and for tests (describe.ts `references`).
 */
export function ValueSlot({
  step,
  to,
  from,
  drawPrimitives,
}: {
  step: Step;
  to: Ref;
  from: string;
  drawPrimitives: boolean;
}) {
  const obj = step.heap.get(to);
  if (obj?.kind === "primitive" && isInline(obj, drawPrimitives)) {
    return (
      <span className="viz-inline" data-type={obj.type}>
        {obj.repr}
      </span>
    );
  }
  return <span className="viz-ptr" data-from={from} data-to={to} aria-hidden="true" />;
}

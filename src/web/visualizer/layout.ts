import { childRefs } from "../../python/trace/decode.ts";
import type { HeapObject, Ref, Step } from "../../python/trace/types.ts";

/** Small immutable values a slot shows as text unless the candidate asks for boxes. */
export function isInline(obj: HeapObject | undefined, drawPrimitives: boolean): boolean {
  return !drawPrimitives && obj?.kind === "primitive";
}

/** The references a step's frames hold, outermost frame first, then what a step hands back. */
export function rootRefs(step: Step): Ref[] {
  const roots = step.frames.flatMap((f) => f.vars.map((v) => v.ref));
  if (step.returned !== undefined) roots.push(step.returned);
  if (step.exception !== undefined) roots.push(step.exception);
  return roots;
}

/**
 * Which objects get a box, in columns by distance from the frames: what a name points to
 * directly is in the first column, what those objects hold in the next, and so on, so
 * arrows mostly run left to right. Each object appears once, however many arrows it gets.
 */
export function layoutColumns(step: Step, drawPrimitives: boolean): Ref[][] {
  const columns: Ref[][] = [];
  const placed = new Set<Ref>();
  let level = rootRefs(step);
  while (level.length > 0) {
    const column: Ref[] = [];
    const next: Ref[] = [];
    for (const ref of level) {
      if (placed.has(ref)) continue;
      const obj = step.heap.get(ref);
      if (!obj || isInline(obj, drawPrimitives)) continue;
      placed.add(ref);
      column.push(ref);
      next.push(...childRefs(obj));
    }
    if (column.length > 0) columns.push(column);
    level = next;
  }
  return columns;
}

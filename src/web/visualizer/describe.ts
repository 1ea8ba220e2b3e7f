import type { HeapObject, Ref, Step, Trace } from "../../python/trace/types.ts";
import { isInline } from "./layout.ts";

/** A slot's reference, as the drawing and the text alternative both name it. */
export interface Reference {
  /** `f0.a` (frame 0's `a`), `o3.1` (object 3's item 1), `ret`, `exc`: the data-from of its arrow. */
  from: string;
  /** What the reader hears: `a`, `item 1 of list 3`. */
  label: string;
  to: Ref;
}

export function objectName(obj: HeapObject, ref: Ref): string {
  const what =
    obj.kind === "function"
      ? `function ${obj.name}`
      : obj.kind === "class"
        ? `class ${obj.name}`
        : obj.kind === "generator"
          ? `${obj.type} ${obj.name}`
          : obj.kind === "instance"
            ? `${obj.type} instance`
            : obj.type;
  return `${what} #${ref}`;
}

/** One line about an object for a screen reader: its name and a glimpse of its contents. */
export function describeObject(step: Step, ref: Ref, drawPrimitives: boolean): string {
  const obj = step.heap.get(ref);
  if (!obj) return `object #${ref}`;
  if (isInline(obj, drawPrimitives)) return obj.kind === "primitive" ? obj.repr : "";
  const short = (r: Ref) => {
    const o = step.heap.get(r);
    if (o?.kind === "primitive") return o.repr;
    return o ? objectName(o, r) : `#${r}`;
  };
  const more = (shown: number, length?: number) =>
    length !== undefined && length > shown ? `, … ${length - shown} more` : "";
  const name = objectName(obj, ref);
  switch (obj.kind) {
    case "primitive":
      return `${name}: ${obj.repr}`;
    case "list":
    case "tuple":
    case "set":
      return `${name}: ${obj.items.map(short).join(", ") || "empty"}${more(obj.items.length, obj.length)}`;
    case "dict":
      return `${name}: ${obj.entries.map(([k, v]) => `${short(k)}: ${short(v)}`).join(", ") || "empty"}${more(obj.entries.length, obj.length)}`;
    case "instance":
    case "class":
      return `${name}${obj.attrs.length ? `: ${obj.attrs.map((a) => `${a.name} = ${short(a.ref)}`).join(", ")}` : ""}`;
    case "function": {
      const parts = [
        ...obj.defaults.map((d) => `default ${d.name} = ${short(d.ref)}`),
        ...obj.cells.map((c) => `closes over ${c.name} in ${short(c.ref)}`),
      ];
      return `${name}(${obj.params.join(", ")})${parts.length ? `: ${parts.join("; ")}` : ""}`;
    }
    case "cell":
      return `${name} holding ${obj.value === null ? "nothing yet" : short(obj.value)}`;
    case "generator":
      return `${name}, ${obj.state}${obj.frame ? ` at line ${obj.frame.line}` : ""}${
        obj.frame?.vars.length
          ? `: ${obj.frame.vars.map((v) => `${v.name} = ${short(v.ref)}`).join(", ")}`
          : ""
      }`;
    case "exception":
      return `${obj.type}: ${obj.message}`;
    case "other":
      return `${name}: ${obj.repr}`;
  }
}

/**
 * Every reference drawn at a step, in reading order: each frame's names, then each boxed
 * object's slots. Inline values are not references (nothing is drawn for them).
 */
export function references(step: Step, boxed: Ref[], drawPrimitives: boolean): Reference[] {
  const out: Reference[] = [];
  const add = (from: string, label: string, to: Ref) => {
    if (!isInline(step.heap.get(to), drawPrimitives)) out.push({ from, label, to });
  };
  step.frames.forEach((frame, i) => {
    for (const v of frame.vars) add(`f${i}.${v.name}`, `${frame.name}: ${v.name}`, v.ref);
  });
  if (step.returned !== undefined) add("ret", "return value", step.returned);
  if (step.exception !== undefined) add("exc", "raising", step.exception);
  for (const ref of boxed) {
    const obj = step.heap.get(ref);
    if (!obj) continue;
    const of = `of #${ref}`;
    for (const slot of slots(obj)) add(`o${ref}.${slot.key}`, `${slot.label} ${of}`, slot.to);
  }
  return out;
}

/** An object's slots: where its arrows start. Keys are stable within one object. */
export function slots(obj: HeapObject): Array<{ key: string; label: string; to: Ref }> {
  switch (obj.kind) {
    case "list":
    case "tuple":
      return obj.items.map((to, i) => ({ key: String(i), label: `item ${i}`, to }));
    case "set":
      return obj.items.map((to, i) => ({ key: String(i), label: "member", to }));
    case "dict":
      return obj.entries.flatMap(([k, v], i) => [
        { key: `k${i}`, label: `key ${i}`, to: k },
        { key: `v${i}`, label: `value ${i}`, to: v },
      ]);
    case "instance":
    case "class":
      return obj.attrs.map((a) => ({ key: `a.${a.name}`, label: a.name, to: a.ref }));
    case "function":
      return [
        ...obj.defaults.map((d) => ({ key: `d.${d.name}`, label: `default ${d.name}`, to: d.ref })),
        ...obj.cells.map((c) => ({ key: `c.${c.name}`, label: `cell ${c.name}`, to: c.ref })),
      ];
    case "cell":
      return obj.value === null ? [] : [{ key: "v", label: "contents", to: obj.value }];
    case "generator":
      return (obj.frame?.vars ?? []).map((v) => ({ key: `g.${v.name}`, label: v.name, to: v.ref }));
    default:
      return [];
  }
}

const EVENTS: Record<Step["event"], string> = {
  line: "about to run",
  call: "calling",
  return: "returning from",
  yield: "yielding from",
  exception: "raising in",
};

/** What the live region says on each step. */
export function stepSummary(trace: Trace, index: number): string {
  const step = trace.steps[index];
  if (!step) return "No steps.";
  const frame = step.frames.at(-1)?.name ?? "<module>";
  const where = step.event === "line" ? `line ${step.line}` : `${frame}, line ${step.line}`;
  const end = index === trace.steps.length - 1 && trace.end.message ? ` ${trace.end.message}` : "";
  return `Step ${index + 1} of ${trace.steps.length}: ${EVENTS[step.event]} ${where}.${end}`;
}

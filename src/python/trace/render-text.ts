import { childRefs } from "./decode.ts";
import type { HeapObject, Ref, Step, Trace } from "./types.ts";

/** Items of a container written out before the rest is counted. */
const SHOWN_ITEMS = 8;

const EVENTS: Record<Step["event"], string> = {
  line: "",
  call: "call",
  return: "return",
  yield: "yield",
  exception: "exception",
};

/** An object in a few words: a value inline, a container with its first items. */
export function shortObject(step: Step, ref: Ref): string {
  const obj = step.heap.get(ref);
  if (!obj) return `#${ref}`;
  if (obj.kind === "primitive") return obj.repr;
  return `${label(obj)} #${ref}${contents(step, obj)}`;
}

function label(obj: HeapObject): string {
  switch (obj.kind) {
    case "function":
      return `function ${obj.name}`;
    case "class":
      return `class ${obj.name}`;
    case "generator":
      return `${obj.type} ${obj.name}`;
    case "instance":
      return `${obj.type} object`;
    default:
      return obj.type;
  }
}

/** One level deep: nested containers are named by number, so a line stays short. */
function inner(step: Step, ref: Ref): string {
  const obj = step.heap.get(ref);
  if (!obj) return `#${ref}`;
  return obj.kind === "primitive" ? obj.repr : `${obj.type} #${ref}`;
}

function listed(parts: string[], length: number | undefined): string {
  const total = length ?? parts.length;
  const shown = parts.slice(0, SHOWN_ITEMS);
  const more = total - shown.length;
  return more > 0 ? [...shown, `… ${more} more`].join(", ") : shown.join(", ");
}

function contents(step: Step, obj: HeapObject): string {
  const of = (ref: Ref) => inner(step, ref);
  switch (obj.kind) {
    case "list":
      return ` [${listed(obj.items.map(of), obj.length)}]`;
    case "tuple":
      return ` (${listed(obj.items.map(of), obj.length)})`;
    case "set":
      return ` {${listed(obj.items.map(of), obj.length)}}`;
    case "dict":
      return ` {${listed(
        obj.entries.map(([k, v]) => `${of(k)}: ${of(v)}`),
        obj.length,
      )}}`;
    case "instance":
    case "class":
      return obj.attrs.length
        ? ` (${obj.attrs.map((a) => `${a.name}=${of(a.ref)}`).join(", ")})`
        : "";
    case "function": {
      const extra = [
        ...obj.defaults.map((d) => `default ${d.name}=${of(d.ref)}`),
        ...obj.cells.map((c) => `cell ${c.name}=${of(c.ref)}`),
      ];
      return `(${obj.params.join(", ")})${extra.length ? ` [${extra.join("; ")}]` : ""}`;
    }
    case "cell":
      return obj.value === null ? " (empty)" : ` -> ${of(obj.value)}`;
    case "generator":
      return ` ${obj.state}${obj.frame ? ` at line ${obj.frame.line}` : ""}`;
    case "exception":
      return `: ${obj.message}`;
    case "other":
      return ` ${obj.repr}`;
    default:
      return "";
  }
}

/**
 * How many names and slots point at each object at this step; an object (not a plain
 * value) with two or more is shared, which is what aliasing looks like.
 */
function incoming(step: Step): Map<Ref, number> {
  const count = new Map<Ref, number>();
  const add = (ref: Ref) => count.set(ref, (count.get(ref) ?? 0) + 1);
  for (const frame of step.frames) for (const v of frame.vars) add(v.ref);
  for (const obj of step.heap.values()) for (const ref of childRefs(obj)) add(ref);
  return count;
}

function renderStep(
  trace: Trace,
  step: Step,
  sourceLines: string[],
  previousOut: string,
): string[] {
  const source = sourceLines[step.line - 1]?.trim() ?? "";
  const event = EVENTS[step.event];
  const head = `Step ${step.index + 1}/${trace.steps.length}  line ${step.line}${event ? ` (${event})` : ""}: ${source}`;
  const lines = [head];
  const shared = incoming(step);
  const mark = (ref: Ref) =>
    step.heap.get(ref)?.kind !== "primitive" && (shared.get(ref) ?? 0) > 1 ? "  [shared]" : "";
  for (const frame of step.frames) {
    lines.push(`  ${frame.name}${frame.generator ? " (generator)" : ""}`);
    for (const v of frame.vars) {
      lines.push(`    ${v.name} -> ${shortObject(step, v.ref)}${mark(v.ref)}`);
    }
  }
  if (step.returned !== undefined) {
    lines.push(
      `  ${step.event === "yield" ? "yields" : "returns"} ${shortObject(step, step.returned)}`,
    );
  }
  if (step.exception !== undefined) lines.push(`  raising ${shortObject(step, step.exception)}`);
  if (step.stdout !== previousOut) lines.push(`  output so far: ${JSON.stringify(step.stdout)}`);
  return lines;
}

/** How the run ended, in one line. */
export function endLine(trace: Trace): string {
  const { end } = trace;
  switch (end.status) {
    case "done":
      return `Done after ${trace.steps.length} steps.`;
    case "exception":
      return `Uncaught exception${end.exception?.at ? ` at line ${end.exception.at}` : ""}: ${end.exception?.line ?? "unknown"}`;
    case "exit":
      return `The program called sys.exit(${end.exitCode ?? 0}).`;
    case "limit":
    case "cut":
      return end.message ?? "The trace was cut short.";
  }
}

/**
 * The trace as plain text for a terminal or a file: each step's line and source, each
 * frame's names and what they point to (objects shared by two names or slots marked), the
 * output when it grows, then how the run ended. Objects keep the trace's numbers, so the
 * same number on two lines is the same object.
 */
export function renderTraceText(trace: Trace, code: string): string {
  const sourceLines = code.split("\n");
  const out: string[] = [];
  let previous = "";
  for (const step of trace.steps) {
    out.push(...renderStep(trace, step, sourceLines, previous));
    previous = step.stdout;
  }
  if (trace.end.status === "exception" && trace.end.exception) {
    out.push(trace.end.exception.traceback.trimEnd());
  }
  out.push(endLine(trace));
  return `${out.join("\n")}\n`;
}

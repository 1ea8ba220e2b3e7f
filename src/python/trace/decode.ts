import type { RunResult } from "../types.ts";
import { TRACE_MARKER } from "./marker.ts";
import { type WireEnd, type WireFrame, type WireObject, wireEnd, wireStep } from "./schema.ts";
import type { Binding, FrameView, HeapObject, Ref, Step, Trace, TraceEnd } from "./types.ts";

/** The run did not produce a trace at all (the harness failed, or the marker is missing). */
export class TraceError extends Error {
  override name = "TraceError";
}

const bindings = (pairs: Array<[string, number]> | undefined): Binding[] =>
  (pairs ?? []).map(([name, ref]) => ({ name, ref }));

function frame(wire: WireFrame): FrameView {
  return { name: wire.n, line: wire.l, vars: bindings(wire.v), generator: wire.g === 1 };
}

function object(wire: WireObject): HeapObject {
  switch (wire.k) {
    case "p":
      return { kind: "primitive", type: wire.t, repr: wire.r, ...length(wire.n) };
    case "l":
    case "t":
    case "s": {
      const kind = wire.k === "l" ? "list" : wire.k === "t" ? "tuple" : "set";
      return { kind, type: wire.t, items: wire.i, ...length(wire.n) };
    }
    case "d":
      return { kind: "dict", type: wire.t, entries: wire.i, ...length(wire.n) };
    case "o":
      return { kind: "instance", type: wire.t, attrs: bindings(wire.a) };
    case "c":
      return {
        kind: "class",
        type: wire.t,
        name: wire.nm,
        bases: wire.b ?? [],
        attrs: bindings(wire.a),
      };
    case "f":
      return {
        kind: "function",
        type: wire.t,
        name: wire.nm,
        params: wire.p,
        defaults: bindings(wire.d),
        cells: bindings(wire.c),
      };
    case "cell":
      return { kind: "cell", type: wire.t, value: wire.v ?? null };
    case "g":
      return {
        kind: "generator",
        type: wire.t,
        name: wire.nm,
        state: wire.s,
        frame: wire.fr ? frame(wire.fr) : null,
      };
    case "x":
      return { kind: "exception", type: wire.t, message: wire.m };
    case "r":
      return { kind: "other", type: wire.t, repr: wire.r };
  }
}

function length(n: number | undefined): { length?: number } {
  return n === undefined ? {} : { length: n };
}

/** The references an object holds, in drawing order. */
export function childRefs(obj: HeapObject): Ref[] {
  switch (obj.kind) {
    case "list":
    case "tuple":
    case "set":
      return obj.items;
    case "dict":
      return obj.entries.flat();
    case "instance":
    case "class":
      return obj.attrs.map((a) => a.ref);
    case "function":
      return [...obj.defaults, ...obj.cells].map((b) => b.ref);
    case "cell":
      return obj.value === null ? [] : [obj.value];
    case "generator":
      return obj.frame ? obj.frame.vars.map((v) => v.ref) : [];
    default:
      return [];
  }
}

function reachable(roots: Ref[], all: Map<Ref, HeapObject>): Map<Ref, HeapObject> {
  const out = new Map<Ref, HeapObject>();
  const queue = [...roots];
  for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) {
    if (out.has(ref)) continue;
    const obj = all.get(ref);
    if (!obj) throw new TraceError(`The trace refers to object ${ref} but never describes it.`);
    out.set(ref, obj);
    queue.push(...childRefs(obj));
  }
  return out;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseLine<T>(schema: { parse: (v: unknown) => T }, text: string, where: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TraceError(`The trace's ${where} is not JSON.`);
  }
  return schema.parse(value);
}

function endOf(wire: WireEnd | null, run: RunResult): TraceEnd {
  if (!wire) {
    const why =
      run.limit === "time"
        ? "The program ran past the time limit before the trace finished; the steps so far are shown."
        : run.limit === "stopped"
          ? "Stopped; the steps so far are shown."
          : run.limit
            ? `The run hit the ${run.limit} limit; the steps so far are shown.`
            : run.exception
              ? `The tracer stopped: ${run.exception.line}`
              : "The trace ended early.";
    return { status: "cut", message: why };
  }
  const end: TraceEnd = { status: wire.end };
  if (wire.msg !== undefined) end.message = wire.msg;
  if (wire.code !== undefined) end.exitCode = wire.code;
  if (wire.x) {
    end.exception = {
      type: wire.x.t,
      message: wire.x.m,
      line: wire.x.line,
      traceback: wire.x.tb,
      ...(wire.x.at === undefined ? {} : { at: wire.x.at }),
    };
  }
  return end;
}

/**
 * A traced run's stdout into a trace: each step gets its full (reachable) heap and the
 * output so far, rebuilt from the deltas the tracer sends. Every line is validated; a
 * malformed trace is an error, never a half-drawn picture.
 */
export function decodeTrace(run: RunResult): Trace {
  const start = run.stdout.indexOf(`${TRACE_MARKER}\n`);
  if (start < 0 && run.limit) {
    // Pyodide's host drops the output of a worker it had to terminate: nothing to show
    // but why.
    return { steps: [], end: endOf(null, run), stdout: "" };
  }
  if (start < 0) {
    const why = run.exception?.line ?? (run.limit ? `the ${run.limit} limit` : "no trace");
    throw new TraceError(`The tracer did not start: ${why}`);
  }
  const lines = run.stdout.slice(start + TRACE_MARKER.length + 1).split("\n");
  const lastLine = lines.findLastIndex((line) => line !== "");
  const all = new Map<Ref, HeapObject>();
  const steps: Step[] = [];
  let stdout = "";
  let end: WireEnd | null = null;
  for (const [i, text] of lines.entries()) {
    if (text === "") continue;
    // The last line of a cut trace can be half written (the time limit struck mid-write).
    const unfinished = i >= lastLine && !run.stdout.endsWith("\n");
    if (unfinished && !end && !isJson(text)) continue;
    if (end) throw new TraceError("The trace goes on after its end.");
    if (text.startsWith('{"end"')) {
      end = parseLine(wireEnd, text, "end");
      stdout += end.o ?? "";
      continue;
    }
    const wire = parseLine(wireStep, text, `step ${steps.length + 1}`);
    for (const [key, obj] of Object.entries(wire.h ?? {})) all.set(Number(key), object(obj));
    const frames = wire.f.map(frame);
    const roots = frames.flatMap((f) => f.vars.map((v) => v.ref));
    if (wire.r !== undefined) roots.push(wire.r);
    if (wire.x !== undefined) roots.push(wire.x);
    // `o` is what was printed since the previous step, so it belongs to this one.
    stdout += wire.o ?? "";
    steps.push({
      index: steps.length,
      line: wire.l,
      event: wire.e,
      frames,
      heap: reachable(roots, all),
      stdout,
      ...(wire.r === undefined ? {} : { returned: wire.r }),
      ...(wire.x === undefined ? {} : { exception: wire.x }),
    });
  }
  return { steps, end: endOf(end, run), stdout };
}

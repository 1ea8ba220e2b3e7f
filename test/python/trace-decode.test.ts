import { describe, expect, it } from "vitest";
import { decodeTrace, TraceError } from "../../src/python/trace/decode.ts";
import { TRACE_MARKER } from "../../src/python/trace/tracer-source.ts";
import type { RunResult } from "../../src/python/types.ts";

/** A run whose stdout is the marker and these lines, as the tracer writes them. */
function run(lines: unknown[], extra: Partial<RunResult> = {}, newline = "\n"): RunResult {
  const body = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n");
  return {
    stdout: `${TRACE_MARKER}\n${body}${newline}`,
    stderr: "",
    exception: null,
    limit: null,
    durationMs: 1,
    ...extra,
  };
}

const frame = (vars: Array<[string, number]>) => ({ n: "<module>", l: 1, v: vars });

describe("decoding a trace", () => {
  it("rebuilds each step's heap from the deltas and keeps only what is reachable", () => {
    const trace = decodeTrace(
      run([
        { l: 1, e: "line", f: [frame([])] },
        {
          l: 2,
          e: "line",
          f: [frame([["a", 1]])],
          h: { 1: { k: "l", t: "list", i: [2] }, 2: { k: "p", t: "int", r: "1" } },
        },
        // `a` is rebound to a new int: the list is no longer reachable.
        {
          l: 3,
          e: "line",
          f: [frame([["a", 3]])],
          h: { 3: { k: "p", t: "int", r: "7" } },
          o: "hi\n",
        },
        { end: "done", steps: 3 },
      ]),
    );
    expect(trace.steps.map((s) => [...s.heap.keys()])).toEqual([[], [1, 2], [3]]);
    expect(trace.steps[1]?.heap.get(1)).toEqual({ kind: "list", type: "list", items: [2] });
    expect(trace.steps.map((s) => s.stdout)).toEqual(["", "", "hi\n"]);
    expect(trace.end).toEqual({ status: "done" });
  });

  it("rejects a step that breaks the schema, naming it", () => {
    expect(() => decodeTrace(run([{ l: 1, e: "jump", f: [frame([])] }]))).toThrow(/invalid/i);
    expect(() => decodeTrace(run(["{not json"]))).toThrow(TraceError);
  });

  it("rejects a reference to an object the trace never described", () => {
    expect(() => decodeTrace(run([{ l: 1, e: "line", f: [frame([["a", 9]])] }]))).toThrow(
      /object 9/,
    );
  });

  it("a trace without its end record is cut, and says why", () => {
    const trace = decodeTrace(
      run([{ l: 1, e: "line", f: [frame([])] }, '{"l":2,"e":"li'], { limit: "time" }, ""),
    );
    expect(trace.steps).toHaveLength(1);
    expect(trace.end).toEqual({
      status: "cut",
      message:
        "The program ran past the time limit before the trace finished; the steps so far are shown.",
    });
  });

  it("no marker is an error with the run's own exception", () => {
    const failed: RunResult = {
      stdout: "",
      stderr: "",
      exception: { type: "MemoryError", message: "", line: "MemoryError", traceback: "" },
      limit: null,
      durationMs: 1,
    };
    expect(() => decodeTrace(failed)).toThrow("The tracer did not start: MemoryError");
  });
});

import { runTrace, type TraceRequest, type TraceRunner } from "./run-trace.ts";
import { TRACER_SOURCE } from "./tracer-source.ts";
import type { Trace } from "./types.ts";

export type { TraceRequest, TraceRunner };

/** Runs `code` under the bundled tracer (Vite and Vitest; the CLI uses run-trace.ts). */
export function traceCode(runner: TraceRunner, request: TraceRequest): Promise<Trace> {
  return runTrace(runner, request, TRACER_SOURCE);
}

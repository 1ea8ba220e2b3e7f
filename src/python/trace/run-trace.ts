import type { Runner } from "../types.ts";
import { decodeTrace } from "./decode.ts";
import { buildTraceProgram } from "./program.ts";
import type { Trace, TraceOptions } from "./types.ts";

export interface TraceRequest {
  code: string;
  stdin?: string;
  /** Tracing is slower than running; default 10 s. */
  timeLimitS?: number;
  options?: TraceOptions;
}

/** Only `run` is needed, so the browser's pool and both Node backends all trace alike. */
export type TraceRunner = Pick<Runner, "run">;

/**
 * Runs `code` under the tracer whose text is `tracerSource` and decodes the steps. The
 * source is a parameter so this module loads in plain Node as well as under Vite.
 */
export async function runTrace(
  runner: TraceRunner,
  request: TraceRequest,
  tracerSource: string,
): Promise<Trace> {
  const result = await runner.run({
    code: buildTraceProgram(tracerSource, request.code, request.options),
    ...(request.stdin === undefined ? {} : { stdin: request.stdin }),
    timeLimitS: request.timeLimitS ?? 10,
  });
  return decodeTrace(result);
}

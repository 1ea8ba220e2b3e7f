import type { TraceOptions } from "./types.ts";

/**
 * The program the runner runs to trace `code`: the tracer (`tracerSource`, tracer.py's
 * text), compiled under its own file name so its frames are never mistaken for the user's
 * (the user's code is `main.py`, as in a plain run), then handed the code. JSON string
 * literals are valid Python string literals.
 */
export function buildTraceProgram(
  tracerSource: string,
  code: string,
  options: TraceOptions = {},
): string {
  return [
    `__pyprep_ns = {"__name__": "pyprep_tracer", "__builtins__": __builtins__}`,
    `exec(compile(${JSON.stringify(tracerSource)}, "<pyprep-trace>", "exec"), __pyprep_ns)`,
    `__pyprep_ns["main"](${JSON.stringify(code)}, ${JSON.stringify(JSON.stringify(options))})`,
    "",
  ].join("\n");
}

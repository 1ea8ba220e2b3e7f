import { type Command, Option } from "commander";
import { CpythonRunner } from "../../python/cpython/runner.ts";
import { PyodideRunner } from "../../python/pyodide/node-runner.ts";
import { TraceError } from "../../python/trace/decode.ts";
import { renderTraceText } from "../../python/trace/render-text.ts";
import { runTrace } from "../../python/trace/run-trace.ts";
import { traceJsonSchema, traceToJson } from "../../python/trace/trace-json.ts";
import { readTracerSource } from "../../python/trace/tracer-file.ts";
import type { Runner } from "../../python/types.ts";
import { CliError } from "../errors.ts";
import { readInput } from "../files.ts";
import { examples } from "../help.ts";
import { printJson } from "../output.ts";
import { detectTerminal } from "../terminal.ts";

/** `pyprep trace FILE --json`: the decoded trace, every step with its whole heap. */
export { traceJsonSchema };
export type { TraceJson } from "../../python/trace/trace-json.ts";

interface TraceFlags {
  json?: boolean;
  backend: "cpython" | "pyodide";
  stdin?: string;
}

async function openRunner(backend: TraceFlags["backend"]): Promise<Runner> {
  if (backend === "pyodide") return new PyodideRunner({ size: 1 });
  const runner = new CpythonRunner();
  try {
    await runner.version();
  } catch {
    await runner.close();
    throw new CliError(
      `no python3 found (${process.env.PYPREP_PYTHON ?? "python3"}): install it, set PYPREP_PYTHON, or use --backend pyodide`,
    );
  }
  return runner;
}

export function registerTrace(program: Command): void {
  program
    .command("trace")
    .description("run a Python file step by step and print its names, objects and output")
    .argument("<file>", "the Python file to trace (- reads standard input)")
    .option("--json", "print JSON (schema: traceJsonSchema in src/cli/commands/trace.ts)")
    .addOption(
      new Option("--backend <name>", "where the code runs: the local python3 or Pyodide")
        .choices(["cpython", "pyodide"])
        .default("cpython"),
    )
    .option("--stdin <file>", "a file the program reads as its standard input")
    .addHelpText(
      "after",
      examples([
        ["pyprep trace alias.py", "each step: the line, the names and what they point to"],
        ["pyprep trace alias.py --json", "the trace as JSON, every step's whole heap"],
        ["pyprep trace greet.py --stdin names.txt", "with standard input from a file"],
        ["pyprep trace alias.py --backend pyodide", "on Pyodide (Python 3.14) instead"],
      ]),
    )
    .action(async (file: string, flags: TraceFlags) => {
      const code = await readInput(file);
      const stdin = flags.stdin === undefined ? undefined : await readInput(flags.stdin);
      const term = detectTerminal();
      const runner = await openRunner(flags.backend);
      try {
        const trace = await runTrace(
          runner,
          { code, ...(stdin === undefined ? {} : { stdin }) },
          readTracerSource(),
        );
        if (flags.json) printJson(term, traceJsonSchema, traceToJson(trace));
        else term.out.write(renderTraceText(trace, code));
      } catch (error) {
        if (error instanceof TraceError) throw new CliError(error.message);
        throw error;
      } finally {
        await runner.close();
      }
    });
}

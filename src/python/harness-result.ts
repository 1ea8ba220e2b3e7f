import type { PythonException, RunResult, TestResult, TestRunResult } from "./types.ts";

/** One job for the harness (snake_case: it is the harness's JSON), on either backend. */
export interface HarnessJob {
  mode: "run" | "test";
  code: string;
  stdin?: string;
  tests?: string;
  output_limit: number;
  /** CPython: RLIMIT_AS in bytes (Pyodide caps WebAssembly memory growth instead). */
  memory_limit?: number;
  /** Pyodide: the run's working directory, made before the run and removed after it. */
  workdir?: string;
}

/** The harness's JSON (snake_case, shared by both backends) as the Runner's result. */
export interface HarnessResult {
  stdout: string;
  stderr: string;
  exception: PythonException | null;
  limit: RunResult["limit"];
  exit_code?: number;
  duration_ms: number;
  tests: TestResult[] | null;
}

export function fromHarness(raw: HarnessResult): TestRunResult {
  return {
    stdout: raw.stdout,
    stderr: raw.stderr,
    exception: raw.exception,
    limit: raw.limit,
    ...(raw.exit_code !== undefined ? { exitCode: raw.exit_code } : {}),
    durationMs: raw.duration_ms,
    tests: raw.tests ?? [],
  };
}

/** A run the host had to stop from outside (killed process, replaced worker). */
export function stoppedResult(
  limit: RunResult["limit"],
  durationMs: number,
  stdout = "",
  stderr = "",
): TestRunResult {
  return { stdout, stderr, exception: null, limit, durationMs, tests: [] };
}

/** A run that ended without the harness's answer: the runner says what happened instead. */
export function failedResult(
  type: string,
  message: string,
  durationMs: number,
  stdout = "",
  stderr = "",
): TestRunResult {
  return {
    ...stoppedResult(null, durationMs, stdout, stderr),
    exception: { type, message, line: `${type}: ${message}`, traceback: stderr },
  };
}

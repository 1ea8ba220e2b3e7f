/** One interface over every place Python runs: Pyodide (browser, Node) and native CPython. */

/** `stopped`: the user pressed Stop. */
export type Limit = "time" | "output" | "memory" | "stopped";

export interface PythonException {
  /** `ValueError` */
  type: string;
  message: string;
  /** The exception line a traceback ends with: `ValueError: bad value`. */
  line: string;
  /** The traceback from the first frame of the user's code on. */
  traceback: string;
}

export interface RunRequest {
  code: string;
  stdin?: string;
  /** Default DEFAULT_TIME_LIMIT_S. */
  timeLimitS?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exception: PythonException | null;
  /** Which limit stopped the run, if one did. */
  limit: Limit | null;
  /** Set when the program called sys.exit with a non-zero status. */
  exitCode?: number;
  durationMs: number;
}

export interface TestRequest {
  /** The candidate's solution (or the reference, or the starter). */
  code: string;
  tests: string;
  timeLimitS?: number;
}

export interface TestResult {
  name: string;
  passed: boolean;
  /** Why it failed, readable: an assertion with both values, or the exception line. */
  message: string | null;
}

export interface TestRunResult extends RunResult {
  tests: TestResult[];
}

export interface Runner {
  readonly backend: "cpython" | "pyodide";
  /** `3.14.2`: which Python this backend runs, so checks can skip blocks it is too old for. */
  version(): Promise<string>;
  run(request: RunRequest): Promise<RunResult>;
  runTests(request: TestRequest): Promise<TestRunResult>;
  close(): Promise<void>;
}

export const DEFAULT_TIME_LIMIT_S = 5;
export const OUTPUT_LIMIT_CHARS = 64 * 1024;
export const MEMORY_LIMIT_BYTES = 512 * 1024 * 1024;
export const OUTPUT_TRUNCATED_MARKER = "\n[output stopped: over the 64 KB limit]\n";

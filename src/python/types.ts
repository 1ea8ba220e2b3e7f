/** One interface over every place Python runs: Pyodide (browser, Node) and native CPython. */

export const LIMITS = ["time", "output", "memory", "stopped"] as const;
/** Which limit stopped a run; `stopped`: the user pressed Stop (or the runner was closed). */
export type Limit = (typeof LIMITS)[number];

/** The files the harness runs the user's code as; tracebacks and locations name them. */
export const USER_FILES = ["main.py", "solution.py", "tests.py"] as const;
export type UserFile = (typeof USER_FILES)[number];

/** A line in one of the user's files. */
export interface SourceLocation {
  file: UserFile;
  line: number;
}

export interface PythonException {
  /** `ValueError` */
  type: string;
  message: string;
  /** The exception line a traceback ends with: `ValueError: bad value`. */
  line: string;
  /**
   * `add_note()` notes, printed after `line` (each may span lines), as CPython prints them.
   * Both runners always set it (optional only so results made elsewhere need not).
   */
  notes?: string[];
  /** The traceback from the first frame of the user's code on, notes included. */
  traceback: string;
  /** The innermost frame in a user file (for a SyntaxError, the offending line). */
  location?: SourceLocation;
}

export interface RunRequest {
  code: string;
  stdin?: string;
  /** Default DEFAULT_TIME_LIMIT_S. */
  timeLimitS?: number;
  /**
   * Each of stdout and stderr, in bytes; default OUTPUT_LIMIT_BYTES, at most
   * MAX_OUTPUT_LIMIT_BYTES (a larger ask is held to it). For programs whose output is data,
   * such as a tracer printing a trace as JSON; pass the same figure to `describeLimit`.
   */
  outputLimitBytes?: number;
}

export interface RunResult {
  /**
   * What the program wrote, at most the output cap (OUTPUT_LIMIT_BYTES unless the request
   * set another); a marker (OUTPUT_TRUNCATED_MARKER at the default cap) ends a cut one.
   */
  stdout: string;
  stderr: string;
  exception: PythonException | null;
  /** Which limit stopped the run, if one did. Any limit hit sets it: output is never cut silently. */
  limit: Limit | null;
  /** The exit status when it is not 0: sys.exit(n), os._exit(n), SystemExit("message") is 1. */
  exitCode?: number;
  durationMs: number;
}

export interface TestRequest {
  /** The candidate's solution (or the reference, the starter, a known-wrong solution). */
  code: string;
  tests: string;
  /** For the whole test run. */
  timeLimitS?: number;
  /**
   * Also register the code under this module name, so tests can `from NAME import f` (it
   * stays importable as `solution` too). An identifier that is not a standard library
   * module; anything else is reported as a load error of solution.py.
   */
  module?: string;
}

export const TEST_STATUSES = ["passed", "failed", "skipped"] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];

export interface TestResult {
  name: string;
  status: TestStatus;
  /** `status === "passed"`; kept for callers that predate `status` (a skip is not a pass). */
  passed: boolean;
  /** Why it failed (an assertion with both values, or the exception line), or why it was skipped. */
  message: string | null;
  /** The failing assertion's line in tests.py, or where the solution raised. */
  location?: SourceLocation;
}

/** The solution or the tests could not even load (a SyntaxError, an ImportError at the top). */
export interface LoadError {
  file: "solution.py" | "tests.py";
  /** The exception line: `ModuleNotFoundError: No module named 'acronym'`. */
  message: string;
  location?: SourceLocation;
}

export interface TestRunResult extends RunResult {
  /** The tests that ran, in order; empty when `loadError` is set. */
  tests: TestResult[];
  /**
   * Set when the code or the tests could not load; such a run never counts as a failed test.
   * Both runners always set it, `null` if they loaded (optional only for results made elsewhere).
   */
  loadError?: LoadError | null;
  /** When a limit stopped the run inside a test: that test. Those that finished are in `tests`. */
  runningTest?: string;
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
/** Each of stdout and stderr, counted in bytes of UTF-8 where the program writes them. */
export const OUTPUT_LIMIT_BYTES = 64 * 1024;
/** The most output a request may ask for, per stream: the host holds it in memory. */
export const MAX_OUTPUT_LIMIT_BYTES = 8 * 1024 * 1024;
export const MEMORY_LIMIT_BYTES = 512 * 1024 * 1024;
export const OUTPUT_TRUNCATED_MARKER = "\n[output stopped: over the 64 KB (65,536 bytes) limit]\n";

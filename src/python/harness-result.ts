import { truncatedMarker } from "./output-limit.ts";
import {
  LIMITS,
  type Limit,
  type LoadError,
  OUTPUT_LIMIT_BYTES,
  type PythonException,
  type RunResult,
  type SourceLocation,
  TEST_STATUSES,
  type TestResult,
  type TestRunResult,
  USER_FILES,
} from "./types.ts";

/** One job for the harness (snake_case: it is the harness's JSON), on either backend. */
export interface HarnessJob {
  mode: "run" | "test";
  code: string;
  stdin?: string;
  tests?: string;
  /** Also register the code as this module (see TestRequest.module). */
  module?: string;
  output_limit: number;
  /** CPython: RLIMIT_AS in bytes (Pyodide caps WebAssembly memory growth instead). */
  memory_limit?: number;
  /** CPython: the supervisor's wall clock, and RLIMIT_CPU a little above it. */
  time_limit_s?: number;
  /** CPython: the job's whole environment; HOME and TMPDIR are added as its directory. */
  env?: Record<string, string>;
  /** The run's working directory, made before the run and removed after it. */
  workdir?: string;
}

interface HarnessTest {
  name: string;
  status: TestResult["status"];
  message: string | null;
  location?: SourceLocation;
}

/** The harness's result JSON (shared by both backends). */
export interface HarnessResult {
  stdout: string;
  stderr: string;
  exception: PythonException | null;
  limit: Limit | null;
  exit_code?: number;
  duration_ms: number;
  tests: HarnessTest[] | null;
  load_error?: LoadError | null;
  running_test?: string | null;
}

/** A CPython job's supervisor's report (see pyprep_harness/supervisor.py). */
export interface SupervisorReport {
  limit: Limit | null;
  stdout: string;
  stderr: string;
  /** How the job's process ended: its exit status, or the signal that killed it. */
  exit: number | null;
  signal: number | null;
  /** The harness's result, if the job got as far as writing it. */
  result: HarnessResult | null;
  /** What a job that was stopped had said so far. */
  tests: HarnessTest[];
  running_test: string | null;
  duration_ms: number;
}

export function fromHarness(raw: HarnessResult): TestRunResult {
  return {
    stdout: raw.stdout,
    stderr: raw.stderr,
    exception: raw.exception ? { ...raw.exception, notes: raw.exception.notes ?? [] } : null,
    limit: raw.limit,
    ...(raw.exit_code !== undefined ? { exitCode: raw.exit_code } : {}),
    durationMs: raw.duration_ms,
    tests: (raw.tests ?? []).map(fromHarnessTest),
    loadError: raw.load_error ?? null,
    ...(raw.running_test ? { runningTest: raw.running_test } : {}),
  };
}

function fromHarnessTest(test: HarnessTest): TestResult {
  return {
    name: test.name,
    status: test.status,
    passed: test.status === "passed",
    message: test.message,
    ...(test.location ? { location: test.location } : {}),
  };
}

/**
 * A CPython run as the supervisor saw it end: stopped by a limit, finished with the
 * harness's result, or ended some other way (its own exit, a signal), said as such.
 */
export function fromReport(
  report: SupervisorReport,
  mode: HarnessJob["mode"],
  outputLimitBytes = OUTPUT_LIMIT_BYTES,
): TestRunResult {
  const { stdout, stderr } = report;
  const partial = {
    tests: report.tests.map(fromHarnessTest),
    ...(report.running_test ? { runningTest: report.running_test } : {}),
  };
  if (report.limit !== null)
    return {
      ...stoppedResult(report.limit, report.duration_ms, stdout, stderr, outputLimitBytes),
      ...partial,
    };
  if (report.result !== null) return { ...fromHarness(report.result), stdout, stderr };
  if (report.signal !== null) {
    const message = `python was killed by signal ${report.signal}${signalName(report.signal)}`;
    return {
      ...failedResult("ProcessEnded", message, report.duration_ms, stdout, stderr),
      ...partial,
    };
  }
  const status = report.exit ?? 0;
  if (mode === "run") {
    // os._exit(n): the process ended as it asked, with what it had printed.
    return {
      ...stoppedResult(null, report.duration_ms, stdout, stderr),
      ...(status !== 0 ? { exitCode: status } : {}),
    };
  }
  const message = `python exited with status ${status} before the tests finished`;
  return {
    ...failedResult("ProcessEnded", message, report.duration_ms, stdout, stderr),
    ...(status !== 0 ? { exitCode: status } : {}),
    ...partial,
  };
}

const SIGNAL_NAMES: Record<number, string> = {
  4: "SIGILL",
  6: "SIGABRT",
  7: "SIGBUS",
  8: "SIGFPE",
  9: "SIGKILL",
  11: "SIGSEGV",
  13: "SIGPIPE",
  15: "SIGTERM",
  24: "SIGXCPU",
  25: "SIGXFSZ",
};

function signalName(signal: number): string {
  const name = SIGNAL_NAMES[signal];
  return name ? ` (${name})` : "";
}

/**
 * A run the host had to stop from outside (killed process, replaced worker), or one that
 * stopped itself at a limit. An output limit ends stdout with the cap's marker, so what is
 * shown can never pass for the whole output.
 */
export function stoppedResult(
  limit: RunResult["limit"],
  durationMs: number,
  stdout = "",
  stderr = "",
  outputLimitBytes = OUTPUT_LIMIT_BYTES,
): TestRunResult {
  return {
    stdout: limit === "output" ? stdout + truncatedMarker(outputLimitBytes) : stdout,
    stderr,
    exception: null,
    limit,
    durationMs,
    tests: [],
    loadError: null,
  };
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
    exception: { type, message, line: `${type}: ${message}`, notes: [], traceback: stderr },
  };
}

/**
 * Checks the harness's JSON before it is believed: the shape a result must have. A program
 * can only ever forge its own result (it runs inside the harness), but a broken one must be
 * reported as broken, not passed on.
 */
export function parseHarnessResult(value: unknown): HarnessResult {
  const problem = resultProblem(value);
  if (problem) throw new TypeError(`the harness answered with an invalid result: ${problem}`);
  return value as HarnessResult;
}

function resultProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "not an object";
  const raw = value as Record<string, unknown>;
  if (typeof raw.stdout !== "string" || typeof raw.stderr !== "string") return "stdout/stderr";
  if (raw.limit !== null && !LIMITS.includes(raw.limit as Limit)) return "limit";
  if (typeof raw.duration_ms !== "number") return "duration_ms";
  if (raw.exit_code !== undefined && !Number.isInteger(raw.exit_code)) return "exit_code";
  if (raw.exception !== null) {
    const e = raw.exception as Record<string, unknown> | undefined;
    if (typeof e !== "object" || typeof e?.line !== "string" || typeof e.type !== "string")
      return "exception";
    if (e.location !== undefined && !isLocation(e.location)) return "exception.location";
  }
  if (raw.tests !== null) {
    if (!Array.isArray(raw.tests)) return "tests";
    for (const test of raw.tests as Array<Record<string, unknown>>) {
      if (typeof test?.name !== "string") return "tests[].name";
      if (!TEST_STATUSES.includes(test.status as TestResult["status"])) return "tests[].status";
      if (test.location !== undefined && !isLocation(test.location)) return "tests[].location";
    }
  }
  return undefined;
}

function isLocation(value: unknown): value is SourceLocation {
  const location = value as Partial<SourceLocation> | null;
  return (
    typeof location === "object" &&
    location !== null &&
    USER_FILES.includes(location.file as SourceLocation["file"]) &&
    Number.isInteger(location.line)
  );
}

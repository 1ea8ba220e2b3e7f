import type {
  LoadError,
  SourceLocation,
  TestResult,
  TestRunResult,
  TestStatus,
} from "../python/types.ts";

export interface ObservedTest {
  name: string;
  status: TestStatus;
  /** Why it failed, or why it was skipped. */
  message: string | null;
  location?: SourceLocation;
}

/** A run's result as the checks read it: every test with a status, and a load error apart. */
export interface Observed {
  result: TestRunResult;
  tests: ObservedTest[];
  loadError: LoadError | null;
  /** The test a limit stopped the run in. */
  runningTest: string | undefined;
  exceptionLocation: SourceLocation | undefined;
}

/**
 * Reads a test run. A harness that predates test statuses, locations and load errors
 * reported a skip as a pass with a "skipped: " message, a failure's place only in its
 * message ("line 4: assert ...", "(at solution.py line 2)"), and a load failure as a failed
 * pseudo-test named "loading the tests" or "running your code"; those read as what they are.
 */
export function observe(raw: TestRunResult): Observed {
  const result = raw;
  const exception = result.exception;
  let loadError = result.loadError ?? null;
  let tests: ObservedTest[] = result.tests.map((t) => {
    const location = t.location ?? legacyLocation(t.message);
    return {
      name: t.name,
      status: (t.status as TestStatus | undefined) ?? legacyStatus(t),
      message: t.message,
      ...(location ? { location } : {}),
    };
  });
  const only = tests.length === 1 ? tests[0] : undefined;
  if (!loadError && result.loadError === undefined && only?.status === "failed") {
    const file =
      only.name === "loading the tests"
        ? "tests.py"
        : only.name === "running your code"
          ? "solution.py"
          : undefined;
    if (file) {
      loadError = { file, message: only.message ?? "could not load" };
      tests = [];
    }
  }
  return {
    result: raw,
    tests,
    loadError,
    runningTest: result.runningTest,
    exceptionLocation: exception?.location,
  };
}

function legacyStatus(test: TestResult): TestStatus {
  if (!test.passed) return "failed";
  return test.message?.startsWith("skipped") ? "skipped" : "passed";
}

function legacyLocation(message: string | null): SourceLocation | undefined {
  const assert = /^line (\d+): /.exec(message ?? "");
  if (assert) return { file: "tests.py", line: Number(assert[1]) };
  const raised = /\(at (solution|tests)\.py line (\d+)\)$/.exec(message ?? "");
  if (raised) return { file: `${raised[1]}.py` as SourceLocation["file"], line: Number(raised[2]) };
  return undefined;
}

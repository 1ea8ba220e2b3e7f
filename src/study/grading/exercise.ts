/** One hidden test's outcome, as the Python runner reports it. */
export interface ExerciseTestOutcome {
  name: string;
  passed: boolean;
  /** Why it failed, readable; null when it passed. */
  message: string | null;
}

export interface ExerciseGrade {
  correct: boolean;
  passed: number;
  total: number;
  failures: { name: string; message: string }[];
  /** `3/4 tests passed`, or why nothing could be counted. */
  summary: string;
}

/**
 * An exercise is correct only when the run completed, at least one test ran, and
 * every test passed. `runError` is what stopped the run before tests could report
 * (a syntax error, a time limit); then nothing counts as passed.
 */
export function gradeExercise(
  tests: readonly ExerciseTestOutcome[],
  runError?: string | null,
): ExerciseGrade {
  if (runError) {
    return {
      correct: false,
      passed: 0,
      total: tests.length,
      failures: [{ name: "run", message: runError }],
      summary: `the tests could not run: ${runError}`,
    };
  }
  const failures = tests
    .filter((test) => !test.passed)
    .map((test) => ({ name: test.name, message: test.message ?? "failed" }));
  const passed = tests.length - failures.length;
  if (tests.length === 0) {
    return { correct: false, passed, total: 0, failures, summary: "no tests ran" };
  }
  return {
    correct: failures.length === 0,
    passed,
    total: tests.length,
    failures,
    summary: `${passed}/${tests.length} tests passed`,
  };
}

import type { Problem } from "../content/problem.ts";
import type { Backend } from "../content/schema.ts";
import { DEFAULT_TIME_LIMIT_S, type Runner, type TestRunResult } from "../python/types.ts";
import { evaluate } from "./evaluate.ts";
import type { CheckJob } from "./plan.ts";
import { type Evaluated, reportProblems } from "./report.ts";

export interface CheckOutcome {
  problems: Problem[];
  passed: number;
  failed: number;
  byBackend: Record<Backend, { passed: number; failed: number }>;
}

/**
 * Runs every job, `concurrency` at a time per backend, and evaluates each result. Backends
 * run side by side: CPython's subprocesses and Pyodide's workers share the cores. Problems
 * are reported once every backend is done, so one failing on both is said once.
 */
export async function runChecks(
  jobs: readonly CheckJob[],
  runners: Partial<Record<Backend, Runner>>,
  options: {
    concurrency: Partial<Record<Backend, number>>;
    /**
     * Time limits are wall-clock: with several runs sharing each core, a run gets this many
     * times its limit, so a block that fits its limit alone does not time out under the
     * check's own load (default 1).
     */
    timeScale?: number;
    onDone?: (job: CheckJob, failed: boolean) => void;
  },
): Promise<CheckOutcome> {
  const evaluated: Evaluated[] = [];
  const outcome: CheckOutcome = {
    problems: [],
    passed: 0,
    failed: 0,
    byBackend: { cpython: { passed: 0, failed: 0 }, pyodide: { passed: 0, failed: 0 } },
  };
  const lanes = (Object.keys(runners) as Backend[]).map(async (backend) => {
    const runner = runners[backend] as Runner;
    const queue = jobs.filter((j) => j.backend === backend);
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        // Problems name the block's own limit: that is the one the author sets and sees.
        const verdict = evaluate(job, await execute(runner, scaled(job, options.timeScale ?? 1)));
        evaluated.push({ job, verdict });
        const tally = outcome.byBackend[backend];
        if (verdict) {
          outcome.failed++;
          tally.failed++;
        } else {
          outcome.passed++;
          tally.passed++;
        }
        options.onDone?.(job, verdict !== undefined);
      }
    };
    const width = Math.max(1, options.concurrency[backend] ?? 1);
    await Promise.all(Array.from({ length: width }, worker));
  });
  await Promise.all(lanes);
  outcome.problems = reportProblems(evaluated);
  return outcome;
}

function scaled(job: CheckJob, scale: number): CheckJob {
  if (scale <= 1) return job;
  const limit = (job.timeLimitS ?? DEFAULT_TIME_LIMIT_S) * scale;
  return { ...job, timeLimitS: Math.round(limit * 10) / 10 };
}

async function execute(runner: Runner, job: CheckJob): Promise<TestRunResult> {
  const timeLimit = job.timeLimitS !== undefined ? { timeLimitS: job.timeLimitS } : {};
  if (!("tests" in job)) {
    const result = await runner.run({
      code: job.code,
      ...(job.stdin !== undefined ? { stdin: job.stdin } : {}),
      ...timeLimit,
    });
    return { ...result, tests: [] };
  }
  return runner.runTests({
    code: job.code,
    tests: job.tests,
    ...(job.module !== undefined ? { module: job.module } : {}),
    ...timeLimit,
  });
}

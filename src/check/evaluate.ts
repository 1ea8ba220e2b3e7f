import type { Position } from "../content/schema.ts";
import { describeLimit } from "../python/output.ts";
import { DEFAULT_TIME_LIMIT_S, type TestRunResult } from "../python/types.ts";
import { compareRun, count } from "./compare-output.ts";
import { type Observed, type ObservedTest, observe } from "./observed.ts";
import type { CheckJob, ProgramJob, TestJob } from "./plan.ts";
import {
  annotateLines,
  lineRef,
  markdownLine,
  markdownPosition,
  sourceLine,
} from "./source-map.ts";

/** Failing tests listed in one problem before the rest are counted. */
export const MAX_FAILURES_SHOWN = 8;
/** A failure message longer than this is cut, saying how much was left out. */
export const MAX_MESSAGE_CHARS = 1500;

/**
 * What is wrong with one run on one backend, or nothing. `label` names the part of the file;
 * the message does not name the backend, so equal verdicts on two backends can merge.
 */
export interface Verdict {
  at: Position;
  label: string;
  message: string;
}

/** Whether a job's result is what the file promises. */
export function evaluate(job: CheckJob, result: TestRunResult): Verdict | undefined {
  if ("tests" in job) return evaluateTests(job, observe(result));
  return evaluateProgram(job, result);
}

function evaluateProgram(job: ProgramJob, result: TestRunResult): Verdict | undefined {
  const limit = describeLimit(result, job.timeLimitS ?? DEFAULT_TIME_LIMIT_S);
  if (limit) return { at: job.codeAt, label: job.label, message: limit };
  const differences = compareRun(job.expected, result);
  if (differences.length === 0) return undefined;
  const exception = result.exception;
  const raisedAt = exception ? raisedLine(job, result) : undefined;
  const raised =
    exception && raisedAt !== undefined
      ? `\n    it raised ${exception.line} at ${lineRef(job, raisedAt)}`
      : "";
  return { at: job.outputAt, label: job.label, message: `${differences.join("\n")}${raised}` };
}

/** The Markdown line of the innermost user frame of a program's exception. */
function raisedLine(job: ProgramJob, result: TestRunResult): number | undefined {
  const location = result.exception?.location;
  if (location) return markdownLine(job, location);
  const frames = [...(result.exception?.traceback ?? "").matchAll(/main\.py", line (\d+)/g)];
  const last = frames.at(-1)?.[1];
  return last ? markdownLine(job, { file: "main.py", line: Number(last) }) : undefined;
}

function evaluateTests(job: TestJob, run: Observed): Verdict | undefined {
  const { loadError, tests } = run;
  // Problems with the tests themselves are the exercise's, whichever solution ran them.
  if (loadError?.file === "tests.py") {
    return {
      at: markdownPosition(job, loadError.location) ?? testsAt(job),
      label: job.label,
      message: `the tests could not load: ${clip(annotateLines(job, loadError.message))}`,
    };
  }
  const failed = tests.filter((t) => t.status === "failed");
  const limit = limitText(job, run);
  if (job.kind === "wrong") return evaluateWrong(job, run, failed, limit);
  const mustPass = job.kind === "solution" || job.starterPasses;
  const subject =
    job.kind === "solution"
      ? "the reference solution"
      : mustPass
        ? "the starter (starter=passes)"
        : "the starter";
  // A starter that runs out of time does not pass; that is a fair way to fail ("make it fast").
  if (!mustPass && (run.result.limit === "time" || failed.length > 0)) return undefined;
  if (limit) return verdict(job, `${subject}: ${limit}`);
  if (loadError) {
    return {
      at: markdownPosition(job, loadError.location) ?? job.codeAt,
      label: job.label,
      message: `${subject} could not load: ${clip(annotateLines(job, loadError.message))}`,
    };
  }
  if (tests.length === 0)
    return { at: testsAt(job), label: job.label, message: "the tests define no test" };
  if (!mustPass) {
    return verdict(
      job,
      `the starter code passes every test (${tallyOf(tests)}); it must fail at least one (a refactoring exercise says starter=passes on its Starter fence)`,
    );
  }
  if (failed.length > 0) {
    return {
      at: markdownPosition(job, failed[0]?.location) ?? job.codeAt,
      label: job.label,
      message: `${subject} fails ${failed.length} of ${count(tests.length, "test")}${skippedNote(tests)}\n${failureList(job, failed)}`,
    };
  }
  if (!tests.some((t) => t.status === "passed"))
    return verdict(
      job,
      `every test was skipped (${tallyOf(tests)}); at least one must run and pass`,
    );
  return undefined;
}

function evaluateWrong(
  job: TestJob,
  run: Observed,
  failed: ObservedTest[],
  limit: string | undefined,
): Verdict | undefined {
  // It ran and got something wrong: the tests caught it, even if a limit stopped it later.
  if (failed.length > 0) return undefined;
  const label = `${job.label}, wrong solution "${job.wrongTitle ?? ""}"`;
  const at = job.codeAt;
  if (limit)
    return {
      at,
      label,
      message: `${limit}; a wrong solution must run and fail a test, and a limit does not count`,
    };
  if (run.loadError) {
    return {
      at,
      label,
      message: `it could not load (${clip(annotateLines(job, run.loadError.message))}); a wrong solution must load and fail a test`,
    };
  }
  if (run.tests.length === 0)
    return { at: testsAt(job), label: job.label, message: "the tests define no test" };
  return {
    at,
    label,
    message: `weak test suite: this wrong solution passes every test (${tallyOf(run.tests)}); add a test that fails it`,
  };
}

function verdict(job: TestJob, message: string): Verdict {
  return { at: job.codeAt, label: job.label, message };
}

function testsAt(job: TestJob): Position {
  return job.sources["tests.py"] ?? job.codeAt;
}

/** The limit that stopped a test run, naming the test it stopped in and what passed before. */
function limitText(job: TestJob, run: Observed): string | undefined {
  const limit = describeLimit(run.result, job.timeLimitS ?? DEFAULT_TIME_LIMIT_S);
  if (!limit) return undefined;
  const passed = run.tests.filter((t) => t.status === "passed").length;
  const finished = run.tests.length > 0 ? ` (${count(passed, "test")} passed before it)` : "";
  return run.runningTest ? `${limit} while running ${run.runningTest}${finished}` : limit;
}

function tallyOf(tests: readonly ObservedTest[]): string {
  const passed = tests.filter((t) => t.status === "passed").length;
  const skipped = tests.length - passed - tests.filter((t) => t.status === "failed").length;
  return `${passed} passed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
}

function skippedNote(tests: readonly ObservedTest[]): string {
  const skipped = tests.filter((t) => t.status === "skipped").length;
  return skipped > 0 ? ` (${skipped} skipped)` : "";
}

/** One entry per failing test, with the Markdown line and source of the failing assertion. */
function failureList(job: TestJob, failed: readonly ObservedTest[]): string {
  const shown = failed.slice(0, MAX_FAILURES_SHOWN).map((test) => {
    const line = markdownLine(job, test.location);
    const source = test.location ? sourceLine(job, test.location) : undefined;
    const where =
      line === undefined ? "" : ` (${lineRef(job, line)}${source ? `: ${source}` : ""})`;
    const message = clip(annotateLines(job, test.message ?? "failed", "tests.py"));
    return `  ✗ ${test.name}${where}\n      ${message.replace(/\n/g, "\n      ")}`;
  });
  if (failed.length > MAX_FAILURES_SHOWN)
    shown.push(`  ... and ${failed.length - MAX_FAILURES_SHOWN} more failing tests`);
  return shown.join("\n");
}

function clip(text: string): string {
  if (text.length <= MAX_MESSAGE_CHARS) return text;
  return `${text.slice(0, MAX_MESSAGE_CHARS)}... (${text.length - MAX_MESSAGE_CHARS} more characters)`;
}

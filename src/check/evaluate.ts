import type { Problem } from "../content/problem.ts";
import { describeLimit, outputsMatch, programOutput } from "../python/output.ts";
import { DEFAULT_TIME_LIMIT_S, type TestRunResult } from "../python/types.ts";
import type { CheckJob } from "./plan.ts";

/** Whether a job's result is what the file promises; a problem at `file:line` if not. */
export function evaluate(job: CheckJob, result: TestRunResult): Problem | undefined {
  const file = job.question.file;
  const where = `${job.label} on ${job.backend}`;
  const limit = describeLimit(result, job.timeLimitS ?? DEFAULT_TIME_LIMIT_S);
  if (job.kind === "example" || job.kind === "drill") {
    if (limit) return { file, ...job.codeAt, message: `${where}: ${limit}` };
    if (result.exitCode !== undefined) {
      return {
        file,
        ...job.codeAt,
        message: `${where}: the program exited with status ${result.exitCode}`,
      };
    }
    const actual = programOutput(result);
    if (outputsMatch(job.expected, actual)) return undefined;
    return {
      file,
      ...job.outputAt,
      message: `${where}: the output block does not match what the code prints\n${lineDiff(job.expected, actual)}`,
    };
  }
  if (job.kind === "solution") {
    if (limit) return { file, ...job.codeAt, message: `${where}, reference solution: ${limit}` };
    const failed = result.tests.filter((t) => !t.passed);
    if (result.tests.length === 0)
      return { file, ...job.codeAt, message: `${where}: the tests define no test` };
    if (failed.length === 0) return undefined;
    const details = failed.map((t) => `  ✗ ${t.name}: ${indent(t.message ?? "failed")}`).join("\n");
    return {
      file,
      ...job.codeAt,
      message: `${where}: the reference solution fails ${failed.length} of ${result.tests.length} tests\n${details}`,
    };
  }
  // A starter that runs out of time does not pass; that is a fair way to fail ("make it fast").
  if (result.limit === "time") return undefined;
  if (limit) return { file, ...job.codeAt, message: `${where}, starter: ${limit}` };
  if (result.tests.length > 0 && result.tests.some((t) => !t.passed)) return undefined;
  return {
    file,
    ...job.codeAt,
    message: `${where}: the starter code passes every test; it must fail at least one`,
  };
}

function indent(text: string): string {
  return text.replace(/\n/g, "\n      ");
}

/** A compact line diff: `-` lines the file expects, `+` lines the code printed. */
export function lineDiff(expected: string, actual: string): string {
  const want = expected.replace(/\n$/, "").split("\n");
  const got = actual.replace(/\n$/, "").split("\n");
  const out: string[] = [];
  const max = Math.max(want.length, got.length);
  let shown = 0;
  for (let i = 0; i < max && shown < 12; i++) {
    if (want[i] === got[i]) continue;
    shown++;
    if (want[i] !== undefined) out.push(`    line ${i + 1} - expected: ${JSON.stringify(want[i])}`);
    if (got[i] !== undefined) out.push(`    line ${i + 1} + printed:  ${JSON.stringify(got[i])}`);
  }
  if (shown >= 12) out.push("    ...");
  return out.join("\n");
}

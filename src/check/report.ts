import type { Problem } from "../content/problem.ts";
import { BACKENDS } from "../content/schema.ts";
import type { Verdict } from "./evaluate.ts";
import type { CheckJob } from "./plan.ts";

export interface Evaluated {
  job: CheckJob;
  verdict: Verdict | undefined;
}

/**
 * Turns verdicts into problems: the same verdict on several backends is one problem naming
 * them all, and a version-gated block that fails on one backend while it passes on another
 * with a different Python says that this is a version difference.
 */
export function reportProblems(evaluated: readonly Evaluated[]): Problem[] {
  const passedOn = new Map<string, CheckJob[]>();
  for (const { job, verdict } of evaluated) {
    if (verdict) continue;
    passedOn.set(job.id, [...(passedOn.get(job.id) ?? []), job]);
  }
  const merged = new Map<
    string,
    { problem: Omit<Problem, "message">; verdict: Verdict; jobs: CheckJob[] }
  >();
  for (const { job, verdict } of evaluated) {
    if (!verdict) continue;
    const key = JSON.stringify([job.question.file, verdict.at, verdict.label, verdict.message]);
    const entry = merged.get(key);
    if (entry) {
      if (!entry.jobs.some((j) => j.backend === job.backend)) entry.jobs.push(job);
      continue;
    }
    merged.set(key, {
      problem: { file: job.question.file, line: verdict.at.line, column: verdict.at.column },
      verdict,
      jobs: [job],
    });
  }
  return [...merged.values()].map(({ problem, verdict, jobs }) => {
    const backends = BACKENDS.filter((b) => jobs.some((j) => j.backend === b));
    const note = versionNote(jobs, passedOn.get(jobs[0]?.id ?? "") ?? []);
    return {
      ...problem,
      message: `${verdict.label} on ${backends.join(" and ")}: ${verdict.message}${note}`,
    };
  });
}

function versionNote(failed: readonly CheckJob[], passed: readonly CheckJob[]): string {
  const job = failed[0];
  const good = passed[0];
  if (!job || !good || !job.requiresPython || !job.python || !good.python) return "";
  if (minor(job.python) === minor(good.python)) return "";
  return `\n    a Python version difference: it passes on ${good.backend} ${good.python} but not on ${job.backend} ${job.python}; the block needs ${job.requiresPython}+, so print what every version from ${job.requiresPython} on agrees on, or raise requires-python`;
}

function minor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

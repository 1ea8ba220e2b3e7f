import {
  type Backend,
  type CodeBlock,
  compareVersions,
  effectiveOptions,
  type Position,
  type Question,
  type RunOptions,
} from "../content/schema.ts";

/** One thing `pyprep check` runs: a program whose output must match, or an exercise's tests. */
export type CheckJob =
  | {
      kind: "example" | "drill";
      question: Question;
      label: string;
      backend: Backend;
      code: string;
      stdin: string | undefined;
      expected: string;
      codeAt: Position;
      outputAt: Position;
      timeLimitS: number | undefined;
    }
  | {
      kind: "solution" | "starter";
      question: Question;
      label: string;
      backend: Backend;
      code: string;
      tests: string;
      codeAt: Position;
      timeLimitS: number | undefined;
    };

export interface Skip {
  question: Question;
  label: string;
  backend: Backend;
  reason: string;
}

/** Every job for every question on every backend asked for, and what cannot run where. */
export function planChecks(
  questions: readonly Question[],
  backends: readonly Backend[],
  versions: Readonly<Record<Backend, string | undefined>>,
): { jobs: CheckJob[]; skips: Skip[] } {
  const jobs: CheckJob[] = [];
  const skips: Skip[] = [];
  for (const question of questions) {
    for (const backend of backends) {
      const why = (options: RunOptions): string | undefined => {
        const merged = effectiveOptions(question, options);
        if (merged.runsOn && merged.runsOn !== backend) return `runs on ${merged.runsOn} only`;
        const version = versions[backend];
        if (
          merged.requiresPython &&
          version &&
          compareVersions(version, merged.requiresPython) < 0
        ) {
          return `needs Python ${merged.requiresPython}, ${backend} has ${version}`;
        }
        return undefined;
      };
      const limit = (block: CodeBlock) => effectiveOptions(question, block.options).timeoutSeconds;
      for (const [kind, list] of [
        ["example", question.examples],
        ["drill", question.drills],
      ] as const) {
        list.forEach((runnable, index) => {
          const label = `${kind} ${index + 1}${runnable.title ? ` (${runnable.title})` : ""}`;
          const reason = why(runnable.source.options);
          if (reason) {
            skips.push({ question, label, backend, reason });
            return;
          }
          jobs.push({
            kind,
            question,
            label,
            backend,
            code: runnable.source.code,
            stdin: runnable.stdin,
            expected: runnable.expectedOutput,
            codeAt: runnable.source.position,
            outputAt: runnable.outputPosition,
            timeLimitS: limit(runnable.source),
          });
        });
      }
      question.exercises.forEach((exercise, index) => {
        const label = `exercise ${index + 1} (${exercise.title})`;
        const reason = why(exercise.options);
        if (reason) {
          skips.push({ question, label, backend, reason });
          return;
        }
        const timeLimitS = effectiveOptions(question, exercise.options).timeoutSeconds;
        for (const kind of ["solution", "starter"] as const) {
          jobs.push({
            kind,
            question,
            label,
            backend,
            code: exercise[kind].code,
            tests: exercise.tests.code,
            codeAt: exercise[kind].position,
            timeLimitS,
          });
        }
      });
    }
  }
  return { jobs, skips };
}

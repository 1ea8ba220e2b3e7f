import {
  type Backend,
  type CodeBlock,
  compareVersions,
  type ExpectedRun,
  effectiveOptions,
  type Position,
  type Question,
  type Runnable,
  type RunOptions,
} from "../content/schema.ts";

/** The files the harness names in tracebacks and locations, and where each came from. */
export type SourceFiles = Partial<Record<"main.py" | "solution.py" | "tests.py", Position>>;

interface JobBase {
  /** The same run on every backend shares an id, so results can be compared and merged. */
  id: string;
  question: Question;
  label: string;
  backend: Backend;
  /** The backend's Python (`3.14.0`), when known. */
  python: string | undefined;
  code: string;
  codeAt: Position;
  /** Fence positions of the code the run was built from: line N of a file is fence line + N. */
  sources: SourceFiles;
  timeLimitS: number | undefined;
  /** The block's effective `requires-python`: set when its output may depend on the version. */
  requiresPython: string | undefined;
}

/** An example or drill: its output must match the output block. */
export interface ProgramJob extends JobBase {
  kind: "example" | "drill";
  stdin: string | undefined;
  expected: ExpectedRun;
  outputAt: Position;
}

/**
 * An exercise's tests run against one of its solutions. `solution` must pass every test;
 * `starter` must fail one (or pass every test with `starter=passes`); a `wrong` solution must
 * run and fail one.
 */
export interface TestJob extends JobBase {
  kind: "solution" | "starter" | "wrong";
  tests: string;
  module: string | undefined;
  starterPasses: boolean;
  /** For a wrong solution: what is wrong with it (its heading). */
  wrongTitle?: string;
}

export type CheckJob = ProgramJob | TestJob;

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
      const python = versions[backend];
      const why = (options: RunOptions): string | undefined => {
        const merged = effectiveOptions(question, options);
        if (merged.runsOn && merged.runsOn !== backend) return `runs on ${merged.runsOn} only`;
        if (merged.requiresPython && python && compareVersions(python, merged.requiresPython) < 0)
          return `needs Python ${merged.requiresPython}, ${backend} has ${python}`;
        return undefined;
      };
      const base = (id: string, label: string, options: RunOptions) => {
        const merged = effectiveOptions(question, options);
        return {
          id: `${question.file}#${id}`,
          question,
          label,
          backend,
          python,
          timeLimitS: merged.timeoutSeconds,
          requiresPython: merged.requiresPython,
        };
      };
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
            ...base(runnable.key, label, runnable.source.options),
            kind,
            code: runnable.source.code,
            codeAt: runnable.source.position,
            sources: { "main.py": runnable.source.position },
            stdin: runnable.stdin,
            expected: expectedOf(runnable),
            outputAt: runnable.outputPosition,
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
        const run = (
          kind: TestJob["kind"],
          key: string,
          subject: CodeBlock,
          wrongTitle?: string,
        ): TestJob => ({
          ...base(`${exercise.key}/${key}`, label, exercise.options),
          kind,
          code: subject.code,
          codeAt: subject.position,
          sources: { "solution.py": subject.position, "tests.py": exercise.tests.position },
          tests: exercise.tests.code,
          module: exercise.module,
          starterPasses: exercise.starterPasses === true,
          ...(wrongTitle === undefined ? {} : { wrongTitle }),
        });
        jobs.push(run("solution", "solution", exercise.solution));
        jobs.push(run("starter", "starter", exercise.starter));
        (exercise.wrong ?? []).forEach((wrong, w) => {
          jobs.push({
            ...run("wrong", `wrong-${w + 1}`, wrong.code, wrong.title),
            codeAt: wrong.position,
          });
        });
      });
    }
  }
  return { jobs, skips };
}

/** Questions parsed before `expected` existed carry only the output block's text. */
function expectedOf(runnable: Runnable): ExpectedRun {
  if (runnable.expected) return runnable.expected;
  const text = runnable.expectedOutput;
  return { output: text === "" ? "" : `${text}\n`, exitCode: 0 };
}

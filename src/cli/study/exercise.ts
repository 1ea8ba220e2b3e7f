import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Exercise, effectiveOptions } from "../../content/schema.ts";
import { describeLimit } from "../../python/output.ts";
import { DEFAULT_TIME_LIMIT_S, type Runner, type TestRunResult } from "../../python/types.ts";
import { type ExerciseGrade, gradeExercise } from "../../study/grading/exercise.ts";
import { defaultRating } from "../../study/rating.ts";
import type { Rating } from "../../study/types.ts";
import { Interrupted } from "../errors.ts";
import { untilInterrupted } from "../interrupt.ts";
import { askKey, askRating, askRatingOr } from "../prompts.ts";
import { renderCode, renderMarkdown } from "../render/markdown.ts";
import { withSpinner } from "../spinner.ts";
import { editFile } from "./editor.ts";
import type { CardContext, CardOutcome } from "./types.ts";
import { clip, label } from "./view.ts";

/**
 * An exercise: the starter code goes into a temp `solution.py` opened in the
 * candidate's editor; closing the editor runs the hidden tests on this machine's
 * Python and shows each test's result. Then: edit again, give up (see the reference
 * solution), or rate. The rating defaults from the last grade, as in the web app.
 */
export async function studyExercise(ctx: CardContext): Promise<CardOutcome> {
  const { term, question, card } = ctx;
  const exercise = question.exercises.find((e) => e.key === card.key);
  if (!exercise) throw new Error(`exercise ${card.id} is not in the bank`);
  const shownAt = ctx.now();
  term.print(term.paint.bold(exercise.title));
  term.print(renderMarkdown(term, exercise.prompt));
  term.print();

  const options = effectiveOptions(question, exercise.options);
  const placed = await ctx.python.place(options);
  if (placed.note) term.print(term.paint.dim(placed.note));
  if (!placed.runner) {
    term.print(
      term.paint.yellow(`The tests cannot run here: ${placed.reason}. Write it, then compare.`),
    );
  }

  const dir = await mkdtemp(path.join(tmpdir(), "pyprep-exercise-"));
  const file = path.join(dir, "solution.py");
  await writeFile(file, starterFile(exercise));
  let graded: { grade: ExerciseGrade; durationMs: number } | undefined;
  try {
    let next = await askKey(
      `Write your solution in ${ctx.editor}; the tests run when you close it.`,
      [
        { key: "e", label: `edit ${path.basename(file)}` },
        { key: "g", label: "give up: show the reference solution" },
      ],
      "e",
    );
    while (next === "e") {
      const problem = await editFile(ctx.editor, file);
      if (ctx.signal.aborted) throw new Interrupted();
      if (problem) term.print(term.paint.yellow(problem));
      else if (placed.runner) {
        const code = await readFile(file, "utf8");
        graded = {
          grade: await runExerciseTests(ctx, placed.runner, exercise, code, options.timeoutSeconds),
          durationMs: ctx.now() - shownAt,
        };
        if (graded.grade.correct) break;
      } else break;
      const choice = await askRatingOr(undefined, [
        { key: "e", label: "edit again" },
        { key: "g", label: "give up" },
      ]);
      if ("rating" in choice) return outcome(choice.rating, graded, ctx.now() - shownAt);
      next = choice.action;
    }
    if (next === "g" || !graded?.grade.correct) {
      term.print(label(term, "Reference solution"));
      term.print(renderCode(term, exercise.solution.code));
      term.print();
    }
    const suggested = graded
      ? defaultRating({
          kind: "exercise",
          correct: graded.grade.correct,
          durationMs: graded.durationMs,
        })
      : next === "g"
        ? "again"
        : undefined;
    return outcome(await askRating(suggested), graded, ctx.now() - shownAt);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function outcome(
  rating: Rating,
  graded: { grade: ExerciseGrade; durationMs: number } | undefined,
  elapsedMs: number,
): CardOutcome {
  if (!graded) return { rating, grade: null, durationMs: elapsedMs };
  const { grade } = graded;
  return {
    rating,
    grade: { kind: "exercise", correct: grade.correct, passed: grade.passed, total: grade.total },
    durationMs: graded.durationMs,
  };
}

/** The starter with the prompt above it as comments, so the editor shows the task too. */
export function starterFile(exercise: Exercise): string {
  const comments = [`Exercise: ${exercise.title}`, "", ...exercise.prompt.split("\n")]
    .map((line) => (line ? `# ${line}` : "#"))
    .join("\n");
  return `${comments}\n\n${exercise.starter.code}`;
}

/** Runs the hidden tests on `code` and prints each test's result; the mock uses it too. */
export async function runExerciseTests(
  ctx: Pick<CardContext, "term" | "signal">,
  runner: Runner,
  exercise: Exercise,
  code: string,
  timeoutSeconds: number | undefined,
): Promise<ExerciseGrade> {
  const { term } = ctx;
  const timeLimitS = timeoutSeconds ?? DEFAULT_TIME_LIMIT_S;
  const result = await withSpinner(term, `Running the tests on ${runner.backend}`, () =>
    untilInterrupted(runner.runTests({ code, tests: exercise.tests.code, timeLimitS }), ctx.signal),
  );
  const grade = gradeExercise(result.tests, runError(result, timeLimitS));
  term.print(
    grade.correct
      ? term.paint.green(`${term.glyphs.ok} ${grade.summary}`)
      : term.paint.yellow(`${term.glyphs.fail} ${grade.summary}`),
  );
  for (const test of result.tests) {
    const mark = test.passed ? term.paint.green(term.glyphs.ok) : term.paint.red(term.glyphs.fail);
    term.print(`  ${mark} ${test.name}`);
    if (test.message) term.print(term.paint.dim(indentLines(test.message, "      ")));
  }
  if (result.tests.length === 0) {
    for (const failure of grade.failures) term.print(indentLines(failure.message, "    "));
  }
  const printed = `${result.stdout}${result.stderr}`;
  if (printed.trim() !== "") {
    term.print(term.paint.dim("  your code printed:"));
    term.print(indentLines(clip(printed), "    "));
  }
  term.print();
  return grade;
}

/** Why the tests could not report (a limit, or an error before any test ran). */
function runError(result: TestRunResult, timeLimitS: number): string | null {
  const limit = describeLimit(result, timeLimitS);
  if (limit) return limit;
  if (result.tests.length === 0 && result.exception) return result.exception.line;
  return null;
}

function indentLines(text: string, prefix: string): string {
  return text
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => `${prefix}${line}`)
    .join("\n");
}

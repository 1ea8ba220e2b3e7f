import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { effectiveOptions, type Question } from "../../content/schema.ts";
import { matchKeyPoints } from "../../study/grading/key-points.ts";
import type { AnswerSubmission } from "../../study/mock/answers.ts";
import type { PlanItem } from "../../study/mock/types.ts";
import { RATINGS, type Rating } from "../../study/types.ts";
import { Interrupted } from "../errors.ts";
import { askAnswer, askKey, askOutput, type PromptOptions, RATING_LABELS } from "../prompts.ts";
import type { SessionPython } from "../python.ts";
import { renderCode, renderMarkdown } from "../render/markdown.ts";
import { editFile } from "../study/editor.ts";
import { runExerciseTests, starterFile } from "../study/exercise.ts";
import { outputBlock } from "../study/view.ts";
import type { Terminal } from "../terminal.ts";
import type { Countdown } from "./countdown.ts";

export interface ItemContext {
  term: Terminal;
  item: PlanItem;
  question: Question;
  countdown: Countdown;
  python: SessionPython;
  editor: string;
  /** Ctrl-C outside a prompt (while the editor or Python runs). */
  interrupts: AbortSignal;
  now: () => number;
}

/**
 * One mock item, asked under the clock: every prompt shows the time left and ends when
 * it runs out. Answers are graded afterwards by the study engine (`gradeSubmission`),
 * as the web app's are, so nothing is revealed here but a concept's key points, which
 * the candidate rates themselves against.
 */
export function askItem(ctx: ItemContext): Promise<AnswerSubmission> {
  switch (ctx.item.kind) {
    case "concept":
      return askConcept(ctx);
    case "drill":
      return askDrill(ctx);
    case "exercise":
      return askExercise(ctx);
  }
}

function prompting(ctx: ItemContext): PromptOptions {
  return {
    signal: AbortSignal.any([ctx.countdown.signal, ctx.interrupts]),
    status: () => ctx.countdown.label(),
  };
}

async function askConcept(ctx: ItemContext): Promise<AnswerSubmission> {
  const { term, question } = ctx;
  const started = ctx.now();
  term.print(term.paint.bold(question.question));
  if (question.context) term.print(renderMarkdown(term, question.context));
  term.print();
  const text = await askAnswer("Your answer. Enter on an empty line hands it in.", prompting(ctx));
  const durationMs = ctx.now() - started;
  const checklist = matchKeyPoints(text, question.keyPoints);
  term.print(
    `${term.paint.bold("Key points")} ${term.paint.dim(`(your answer touched ${checklist.touched} of ${checklist.total})`)}`,
  );
  question.keyPoints.forEach((point, i) => {
    const hit = checklist.items[i]?.matched ?? false;
    const mark = hit
      ? term.paint.green(term.glyphs.touched)
      : term.paint.dim(term.glyphs.untouched);
    term.print(`  ${mark} ${renderMarkdown(term, point.text).replace(/\n/g, "\n    ")}`);
  });
  let rating: Rating | null = null;
  try {
    const key = await askKey(
      "How well did you answer it?",
      RATINGS.map((r, i) => ({ key: String(i + 1), label: RATING_LABELS[r] })),
      undefined,
      prompting(ctx),
    );
    rating = RATINGS[Number(key) - 1] ?? null;
  } catch (error) {
    // Time ran out before the rating: the answer still counts, scored on its key points.
    if (!(error instanceof Interrupted && ctx.countdown.timeUp)) throw error;
  }
  return { kind: "concept", text, rating, durationMs };
}

async function askDrill(ctx: ItemContext): Promise<AnswerSubmission> {
  const { term, question, item } = ctx;
  const drill = question.drills.find((d) => d.key === item.key);
  const started = ctx.now();
  term.print(term.paint.bold("What does this print?"));
  if (drill?.intro) term.print(renderMarkdown(term, drill.intro));
  term.print(renderCode(term, drill?.source.code ?? ""));
  if (drill?.stdin !== undefined) {
    term.print(term.paint.dim("  standard input:"));
    term.print(outputBlock(term, drill.stdin));
  }
  term.print();
  const output = await askOutput("The output (Tab, then Enter, hands it in)", prompting(ctx));
  return { kind: "drill", output, durationMs: ctx.now() - started };
}

async function askExercise(ctx: ItemContext): Promise<AnswerSubmission> {
  const { term, question, item } = ctx;
  const exercise = question.exercises.find((e) => e.key === item.key);
  if (!exercise) return { kind: "exercise", code: "", passed: 0, total: 0, durationMs: 0 };
  const started = ctx.now();
  term.print(term.paint.bold(exercise.title));
  term.print(renderMarkdown(term, exercise.prompt));
  term.print();
  const placed = await ctx.python.place(effectiveOptions(question, exercise.options));
  if (placed.note) term.print(term.paint.dim(placed.note));
  if (!placed.runner) term.print(term.paint.yellow(`The tests cannot run here: ${placed.reason}.`));
  const dir = await mkdtemp(path.join(tmpdir(), "pyprep-mock-"));
  const file = path.join(dir, "solution.py");
  await writeFile(file, starterFile(exercise));
  let result = { passed: 0, total: 0 };
  try {
    let choice = await askKey(
      `Write it in ${ctx.editor}; the tests run when you close it.`,
      [
        { key: "e", label: `edit ${path.basename(file)}` },
        { key: "s", label: "hand in the starter as it is" },
      ],
      "e",
      prompting(ctx),
    );
    while (choice === "e") {
      const problem = await editFile(ctx.editor, file);
      if (ctx.interrupts.aborted || ctx.countdown.timeUp) throw new Interrupted();
      if (problem) term.print(term.paint.yellow(problem));
      else if (placed.runner) {
        const code = await readFile(file, "utf8");
        const grade = await runExerciseTests(
          { term, signal: ctx.interrupts },
          placed.runner,
          exercise,
          code,
          effectiveOptions(question, exercise.options).timeoutSeconds,
        );
        result = { passed: grade.passed, total: grade.total };
      }
      choice = await askKey(
        "Hand it in, or keep working?",
        [
          { key: "s", label: "hand it in" },
          { key: "e", label: "edit again" },
        ],
        "s",
        prompting(ctx),
      );
    }
    return {
      kind: "exercise",
      code: await readFile(file, "utf8"),
      ...result,
      durationMs: ctx.now() - started,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

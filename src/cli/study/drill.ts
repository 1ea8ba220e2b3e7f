import { effectiveOptions, type Question, type Runnable } from "../../content/schema.ts";
import { describeLimit, programOutput } from "../../python/output.ts";
import { DEFAULT_TIME_LIMIT_S } from "../../python/types.ts";
import { diffOutput } from "../../study/grading/output-diff.ts";
import { defaultRating } from "../../study/rating.ts";
import { untilInterrupted } from "../interrupt.ts";
import { askOutput, askRating } from "../prompts.ts";
import { renderCode, renderMarkdown } from "../render/markdown.ts";
import { withSpinner } from "../spinner.ts";
import { drillTitle } from "./titles.ts";
import type { CardContext, CardOutcome } from "./types.ts";
import { diffBlock, label, outputBlock } from "./view.ts";

/**
 * Predict the output: the candidate types what the code prints, the code is run on
 * this machine's Python, and that real output decides (graded by the study engine's
 * `diffOutput`, as in the web app), with a line diff for a miss.
 */
export async function studyDrill(ctx: CardContext): Promise<CardOutcome> {
  const { term, question, card } = ctx;
  const drill = question.drills.find((d) => d.key === card.key);
  if (!drill) throw new Error(`drill ${card.id} is not in the bank`);
  const shownAt = ctx.now();
  const index = question.drills.indexOf(drill);
  term.print(
    term.paint.bold(`What does this print? ${term.paint.dim(drillTitle(drill.title, index))}`),
  );
  if (drill.intro) term.print(renderMarkdown(term, drill.intro));
  term.print();
  term.print(renderCode(term, drill.source.code));
  if (drill.stdin !== undefined) {
    term.print(term.paint.dim("  standard input:"));
    term.print(outputBlock(term, drill.stdin));
  }
  term.print();

  const typed = await askOutput("What does it print? (Tab, then Enter, checks it)");
  const durationMs = ctx.now() - shownAt;
  const real = await realOutput(ctx, question, drill);
  const diff = diffOutput(real.output, typed);
  const suggested = defaultRating({ kind: "drill", correct: diff.match, durationMs });

  term.print(
    diff.match
      ? term.paint.green(`${term.glyphs.ok} Correct`)
      : term.paint.yellow(`${term.glyphs.fail} Not quite`),
  );
  if (!diff.match) term.print(diffBlock(term, diff));
  if (real.note) term.print(term.paint.dim(`  ${real.note}`));
  term.print(label(term, "The real output"));
  term.print(outputBlock(term, real.output));
  if (drill.explanation) {
    term.print();
    term.print(renderMarkdown(term, drill.explanation));
  }
  term.print();

  const rating = await askRating(suggested);
  return { rating, grade: { kind: "output", correct: diff.match }, durationMs };
}

/**
 * What the program prints here and now. When it cannot run on this machine, or stops
 * at a limit, the bank's output (checked on CPython and Pyodide by CI) stands in, and
 * the note says why.
 */
async function realOutput(
  ctx: CardContext,
  question: Question,
  drill: Runnable,
): Promise<{ output: string; note?: string }> {
  const options = effectiveOptions(question, drill.source.options);
  const placed = await ctx.python.place(options);
  if (!placed.runner) {
    return {
      output: drill.expectedOutput,
      note: `Graded against the bank's checked output: ${placed.reason}.`,
    };
  }
  const runner = placed.runner;
  const timeLimitS = options.timeoutSeconds ?? DEFAULT_TIME_LIMIT_S;
  const result = await withSpinner(ctx.term, `Running it on ${runner.backend}`, () =>
    untilInterrupted(
      runner.run({
        code: drill.source.code,
        ...(drill.stdin === undefined ? {} : { stdin: drill.stdin }),
        timeLimitS,
      }),
      ctx.signal,
    ),
  );
  const limit = describeLimit(result, timeLimitS);
  if (limit) {
    return {
      output: drill.expectedOutput,
      note: `Graded against the bank's checked output: the run ${limit}.`,
    };
  }
  return { output: programOutput(result), ...(placed.note ? { note: placed.note } : {}) };
}

import { matchKeyPoints } from "../../study/grading/key-points.ts";
import { askAnswer, askRating } from "../prompts.ts";
import { renderCode, renderMarkdown } from "../render/markdown.ts";
import type { CardContext, CardOutcome } from "./types.ts";
import { label, outputBlock } from "./view.ts";

/**
 * Question → optional typed answer → model answer with the key points the answer
 * touched marked → self-rating, as the web app's concept card.
 */
export async function studyConcept(ctx: CardContext): Promise<CardOutcome> {
  const { term, question } = ctx;
  const shownAt = ctx.now();
  term.print(term.paint.bold(question.question));
  if (question.context) term.print(renderMarkdown(term, question.context));
  term.print();

  const typed = await askAnswer(
    "Your answer (optional). Enter on an empty line shows the model answer.",
  );
  const checklist = matchKeyPoints(typed, question.keyPoints);

  term.print(label(term, "Answer"));
  term.print(renderMarkdown(term, question.answer));
  term.print();
  const touched = typed.trim()
    ? ` ${term.paint.dim(`(your answer touched ${checklist.touched} of ${checklist.total})`)}`
    : "";
  term.print(`${label(term, "Key points")}${touched}`);
  question.keyPoints.forEach((point, i) => {
    const hit = checklist.items[i]?.matched ?? false;
    const mark = hit
      ? term.paint.green(term.glyphs.touched)
      : term.paint.dim(term.glyphs.untouched);
    const text = renderMarkdown(term, point.text).replace(/\n/g, "\n    ");
    term.print(`  ${mark} ${hit ? text : term.paint.dim(text)}`);
  });
  const example = question.examples[0];
  if (example) {
    term.print();
    term.print(label(term, example.title ? `Example: ${example.title}` : "Example"));
    term.print(renderCode(term, example.source.code));
    term.print(term.paint.dim("  output:"));
    term.print(outputBlock(term, example.expectedOutput));
  }
  term.print();

  const rating = await askRating();
  return {
    rating,
    grade: { kind: "concept", keyPoints: checklist.items.map((item) => item.matched) },
    durationMs: ctx.now() - shownAt,
  };
}

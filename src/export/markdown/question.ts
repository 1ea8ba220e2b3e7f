import { effectiveOptions, type Question, type Runnable } from "../../content/schema.ts";
import { LEVEL_TITLES } from "../labels.ts";
import { anchorTag, CONTENTS_ANCHOR, INDEX_FILE, questionAnchor, topicAnchor } from "./anchors.ts";
import { cleanMarkdown, details, fence, inlineText } from "./blocks.ts";

/** What a question's section needs from the book around it. */
export interface QuestionContext {
  topicTitle: (id: string) => string;
  /** Author Markdown with links to other question files pointed into the book. */
  links: (markdown: string) => string;
}

/**
 * One question as a section of its level's file: an explicit anchor, the question as an
 * `##` heading, then its answer, key points, examples with their checked output, drills
 * with the answer folded in `<details>`, exercises with a folded solution, follow-ups
 * and common mistakes.
 */
export function questionMarkdown(question: Question, ctx: QuestionContext): string {
  const text = (markdown: string) => ctx.links(cleanMarkdown(markdown));
  const topics = question.topics
    .map((topic) => `[${inlineText(ctx.topicTitle(topic))}](${INDEX_FILE}#${topicAnchor(topic)})`)
    .join(", ");
  const meta = [
    LEVEL_TITLES[question.level],
    topics,
    `about ${question.minutes} min`,
    `difficulty ${question.difficulty} of 3`,
    `\`${question.id}\``,
  ].join(" · ");
  const parts = [
    anchorTag(questionAnchor(question.id)),
    `## ${inlineText(question.question)}`,
    `${meta} · [Contents](#${CONTENTS_ANCHOR})`,
    text(question.context),
  ];
  if (question.answer.trim() !== "") parts.push("### Answer", text(question.answer));
  if (question.keyPoints.length > 0) {
    parts.push(
      "### Key points",
      question.keyPoints.map((point) => `- ${text(point.text).replace(/\n/g, "\n  ")}`).join("\n"),
    );
  }
  for (const example of question.examples) {
    parts.push(
      `### Example${example.title ? `: ${inlineText(example.title)}` : ""}`,
      text(example.intro),
      fence("python", example.source.code),
      ...stdinParts(example),
      "Output:",
      fence("text", example.expectedOutput),
      exitNote(example),
      runsOnNote(question, example),
      text(example.explanation),
    );
  }
  for (const drill of question.drills) {
    const answer = [fence("text", drill.expectedOutput), exitNote(drill), text(drill.explanation)];
    parts.push(
      `### Drill: ${inlineText(drill.title || "predict the output")}`,
      text(drill.intro),
      fence("python", drill.source.code),
      ...stdinParts(drill),
      runsOnNote(question, drill),
      details("What it prints", answer.filter(Boolean).join("\n\n")),
    );
  }
  for (const exercise of question.exercises) {
    parts.push(
      `### Exercise: ${inlineText(exercise.title)}`,
      text(exercise.prompt),
      "Starter:",
      fence("python", exercise.starter.code),
      details(
        "A solution, and the tests it passes",
        [
          fence("python", exercise.solution.code),
          "Tests:",
          fence("python", exercise.tests.code),
        ].join("\n\n"),
      ),
    );
  }
  if (question.followUps.length > 0) {
    parts.push("### Follow-ups", bullets(question.followUps.map(text)));
  }
  if (question.mistakes.length > 0) {
    parts.push("### Common mistakes", bullets(question.mistakes.map(text)));
  }
  return parts.filter((part) => part.trim() !== "").join("\n\n");
}

function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item.replace(/\n/g, "\n  ")}`).join("\n");
}

function stdinParts(runnable: Runnable): string[] {
  return runnable.stdin === undefined ? [] : ["Standard input:", fence("text", runnable.stdin)];
}

function exitNote(runnable: Runnable): string {
  const exitCode = runnable.expected?.exitCode ?? 0;
  return exitCode === 0 ? "" : `The program then exits with status ${exitCode}.`;
}

function runsOnNote(question: Question, runnable: Runnable): string {
  const options = effectiveOptions(question, runnable.source.options);
  const notes: string[] = [];
  if (options.runsOn === "cpython") {
    notes.push(
      `Needs native CPython${question.runsOnReason ? `: ${question.runsOnReason.trim()}` : "."}`,
    );
  }
  if (options.requiresPython) notes.push(`Needs Python ${options.requiresPython} or newer.`);
  return notes.length > 0 ? `*${notes.join(" ")}*` : "";
}

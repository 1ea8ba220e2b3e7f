import { fromMarkdown } from "mdast-util-from-markdown";
import { toString as mdToString } from "mdast-util-to-string";
import { type FrontMatterResult, parseFrontMatter } from "./front-matter.ts";
import { ParseContext } from "./parse-context.ts";
import { parseExercise } from "./parse-exercise.ts";
import { parseBullets, parseKeyPoints } from "./parse-lists.ts";
import { parseRunnable } from "./parse-runnable.ts";
import type { Problem } from "./problem.ts";
import type { BankCatalog, Exercise, Question, Runnable } from "./schema.ts";
import {
  SECTION_ORDER,
  type Section,
  type SectionKind,
  type SplitBody,
  splitBody,
} from "./sections.ts";

export interface ParseResult {
  /** Present only when the file has no problems at all. */
  question: Question | undefined;
  problems: Problem[];
}

/**
 * Parses one question file. `file` is the path shown in problems (relative to the bank root,
 * e.g. `fresher/list-vs-tuple.md`); the id and level it implies are checked against the
 * front matter. Every problem found is returned, not only the first.
 */
export function parseQuestion(file: string, text: string, catalog: BankCatalog): ParseResult {
  const normalized = text.replace(/\r\n?/g, "\n");
  const pathParts = file.split("/");
  const front = parseFrontMatter(file, normalized, catalog, {
    id: pathParts.at(-1)?.replace(/\.md$/, ""),
    level: pathParts.length >= 2 ? pathParts.at(-2) : undefined,
  });
  const ctx = new ParseContext(file, front.bodyStartLine, front.body, [...front.problems]);
  const body = splitBody(fromMarkdown(front.body));
  checkStructure(ctx, body);

  // An exercise-kind file needs only its heading and exercises; its other sections are optional.
  const isExercise = front.value?.kind === "exercise";
  const single = (kind: SectionKind, label: string) =>
    singleSection(ctx, body, kind, label, !isExercise);
  const answerSection = single("answer", "Answer");
  const keySection = single("key-points", "Key points");
  const followSection = single("follow-ups", "Follow-ups");
  const mistakesSection = single("mistakes", "Common mistakes");

  const answer = parseAnswer(ctx, answerSection);
  const keyPoints = parseKeyPoints(ctx, keySection);
  const followUps = parseBullets(ctx, followSection, "Follow-ups", 1, 3);
  const mistakes = parseBullets(ctx, mistakesSection, "Common mistakes", 1, Infinity);
  const examples = sectionsOf(body, "example").map((s, i) => parseRunnable(ctx, s, "example", i));
  const drills = sectionsOf(body, "drill").map((s, i) => parseRunnable(ctx, s, "drill", i));
  if (examples.length === 0 && body.h1 && !isExercise)
    ctx.report(body.h1, "a question needs at least one '## Example' section");
  const exercises = sectionsOf(body, "exercise").map((s, i) => parseExercise(ctx, s, i));
  if (exercises.length === 0 && body.h1 && isExercise)
    ctx.report(body.h1, "a file with 'kind: exercise' needs at least one '## Exercise: <title>'");
  checkRunsOnReason(ctx, front, [...examples, ...drills], exercises);

  const problems = ctx.problems;
  if (problems.length > 0 || !front.value || !body.h1) return { question: undefined, problems };
  const fm = front.value;
  return {
    question: {
      id: fm.id,
      covers: fm.covers,
      level: fm.level,
      topics: fm.topics,
      minutes: fm.minutes,
      difficulty: fm.difficulty,
      runsOn: fm.runsOn,
      runsOnReason: fm.runsOnReason,
      requiresPython: fm.requiresPython,
      kind: fm.kind,
      question: mdToString(body.h1).trim(),
      context: ctx.source(body.context),
      answer,
      keyPoints,
      examples,
      drills,
      exercises,
      followUps,
      mistakes,
      file,
    },
    problems,
  };
}

/** Nothing before the question, exactly one `#`, only known `##` sections, in order. */
function checkStructure(ctx: ParseContext, body: SplitBody): void {
  for (const node of body.beforeH1) {
    if (node.type !== "html")
      ctx.report(
        node,
        "content before the question heading: start the body with '# <the question>'",
      );
  }
  if (!body.h1)
    ctx.reportAtBodyStart("missing the question: a '# ' heading after the front matter");
  for (const heading of body.extraH1)
    ctx.report(heading, "only one '# ' heading is allowed (the question); use '## ' for sections");
  for (const heading of body.unknown) {
    ctx.report(
      heading,
      `unknown section '## ${mdToString(heading)}' (known: Answer, Key points, Example, Drill, Exercise: <title>, Follow-ups, Common mistakes)`,
    );
  }
  checkOrder(ctx, body.sections);
}

function checkOrder(ctx: ParseContext, sections: Section[]): void {
  let highest = -1;
  let highestKind: SectionKind | undefined;
  for (const section of sections) {
    const rank = SECTION_ORDER.indexOf(section.kind);
    if (rank < highest && highestKind) {
      ctx.report(
        section.heading,
        `section '${mdToString(section.heading)}' is out of order: it must come before the ${highestKind} section(s) (order: ${SECTION_ORDER.join(", ")})`,
      );
    }
    if (rank > highest) {
      highest = rank;
      highestKind = section.kind;
    }
  }
}

function sectionsOf(body: SplitBody, kind: SectionKind): Section[] {
  return body.sections.filter((s) => s.kind === kind);
}

/** A section that may appear once (and must, if `required`); missing or repeated, it is reported. */
function singleSection(
  ctx: ParseContext,
  body: SplitBody,
  kind: SectionKind,
  label: string,
  required: boolean,
): Section | undefined {
  const found = sectionsOf(body, kind);
  if (found.length === 0 && required) ctx.reportAtBodyStart(`missing section '## ${label}'`);
  for (const extra of found.slice(1))
    ctx.report(extra.heading, `section '## ${label}' appears more than once`);
  return found[0];
}

function parseAnswer(ctx: ParseContext, section: Section | undefined): string {
  if (!section) return "";
  const answer = ctx.source(section.nodes);
  if (answer === "") ctx.report(section.heading, "the Answer section is empty");
  return answer;
}

/** Options that force CPython need a reason the browser can show. */
function checkRunsOnReason(
  ctx: ParseContext,
  front: FrontMatterResult,
  runnables: readonly Runnable[],
  exercises: readonly Exercise[],
): void {
  const cpythonOnly =
    front.value?.runsOn === "cpython" ||
    runnables.some((r) => r.source.options.runsOn === "cpython") ||
    exercises.some((e) => e.options.runsOn === "cpython");
  if (front.value && cpythonOnly && !front.value.runsOnReason) {
    ctx.problems.push({
      file: ctx.file,
      ...(front.keyLines.get("runs-on") ?? { line: 1, column: 1 }),
      message:
        "code is marked runs-on=cpython but the front matter has no 'runs-on-reason' saying why",
    });
  }
}

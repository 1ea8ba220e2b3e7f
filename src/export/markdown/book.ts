import type { Bank } from "../../content/bank.ts";
import { LEVELS, type Level, type Question } from "../../content/schema.ts";
import { LEVEL_TITLES } from "../labels.ts";
import type { ProgressListener } from "../select.ts";
import {
  anchorTag,
  CONTENTS_ANCHOR,
  INDEX_FILE,
  levelFile,
  linkTarget,
  questionAnchor,
  topicAnchor,
} from "./anchors.ts";
import { inlineText } from "./blocks.ts";
import { rewriteQuestionLinks } from "./links.ts";
import { questionMarkdown } from "./question.ts";

/** One file of the book: a name in the output folder and its Markdown. */
export interface MarkdownFile {
  path: string;
  text: string;
}

export interface MarkdownBookOptions {
  onProgress?: ProgressListener;
}

/**
 * The bank as a Markdown book: `README.md` (the levels, and every question by topic)
 * and one file per level with its table of contents and every question in full. All
 * links are relative and point at explicit anchors, so the folder reads the same on any
 * Git host, in an editor's preview, or converted to HTML or PDF.
 */
export function buildMarkdownBook(bank: Bank, options: MarkdownBookOptions = {}): MarkdownFile[] {
  const levels = LEVELS.filter((level) => (bank.byLevel.get(level)?.length ?? 0) > 0);
  const titles = new Map(bank.topics.map((topic) => [topic.id, topic.title]));
  const topicTitle = (id: string) => titles.get(id) ?? id;
  const total = bank.questions.length;
  let done = 0;
  options.onProgress?.(0, total);
  const files = levels.map((level) => {
    const questions = bank.byLevel.get(level) ?? [];
    const file = levelFile(level);
    const links = (markdown: string) =>
      rewriteQuestionLinks(markdown, (id) => {
        const target = bank.byId.get(id);
        return target && linkTarget(file, levelFile(target.level), questionAnchor(id));
      });
    const sections = questions.map((question) => {
      const text = questionMarkdown(question, { topicTitle, links });
      done++;
      options.onProgress?.(done, total);
      return text;
    });
    return {
      path: file,
      text: `${[levelHeader(level, levels, questions, topicTitle, bank), ...sections].join("\n\n---\n\n")}\n`,
    };
  });
  return [{ path: INDEX_FILE, text: indexMarkdown(bank, levels, topicTitle) }, ...files];
}

function levelNav(current: Level | null, levels: readonly Level[]): string {
  const from = current ? levelFile(current) : INDEX_FILE;
  const items = [
    current ? `[All levels](${linkTarget(from, INDEX_FILE)})` : "All levels",
    ...levels.map((level) =>
      level === current
        ? `**${LEVEL_TITLES[level]}**`
        : `[${LEVEL_TITLES[level]}](${linkTarget(from, levelFile(level))})`,
    ),
  ];
  return items.join(" · ");
}

function counts(questions: readonly Question[]): string {
  const drills = questions.reduce((n, q) => n + q.drills.length, 0);
  const examples = questions.reduce((n, q) => n + q.examples.length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(questions.length, "question")}, ${plural(examples, "example")}, ${plural(drills, "drill")}`;
}

const CHECKED =
  "Every example's output and every drill's answer here is what the code really printed: `pyprep check` runs each block on CPython and on Pyodide and compares.";

/** The level file's title, navigation and table of contents, grouped by main topic. */
function levelHeader(
  level: Level,
  levels: readonly Level[],
  questions: readonly Question[],
  topicTitle: (id: string) => string,
  bank: Bank,
): string {
  const groups = bank.topics
    .map((topic) => ({
      topic,
      questions: questions.filter((q) => q.topics[0] === topic.id),
    }))
    .filter((group) => group.questions.length > 0);
  const contents = groups.map(
    ({ topic, questions: inTopic }) =>
      `**${inlineText(topicTitle(topic.id))}**\n\n${inTopic
        .map((q, i) => `${i + 1}. [${inlineText(q.question)}](#${questionAnchor(q.id)})`)
        .join("\n")}`,
  );
  return [
    `# PyPrep: ${LEVEL_TITLES[level]} questions`,
    levelNav(level, levels),
    `${counts(questions)}. ${CHECKED}`,
    anchorTag(CONTENTS_ANCHOR),
    "## Contents",
    ...contents,
  ].join("\n\n");
}

/** The book's front page: the levels, then every question under each of its topics. */
function indexMarkdown(
  bank: Bank,
  levels: readonly Level[],
  topicTitle: (id: string) => string,
): string {
  const levelList = levels.map((level) => {
    const questions = bank.byLevel.get(level) ?? [];
    return `- [${LEVEL_TITLES[level]}](${levelFile(level)}): ${counts(questions)}`;
  });
  const topics = bank.topics
    .map((topic) => ({ topic, questions: bank.byTopic.get(topic.id) ?? [] }))
    .filter((entry) => entry.questions.length > 0)
    .map(({ topic, questions }) =>
      [
        anchorTag(topicAnchor(topic.id)),
        `### ${inlineText(topicTitle(topic.id))}`,
        inlineText(topic.about),
        questions
          .map(
            (q) =>
              `- [${inlineText(q.question)}](${levelFile(q.level)}#${questionAnchor(q.id)}) (${LEVEL_TITLES[q.level]})`,
          )
          .join("\n"),
      ].join("\n\n"),
    );
  return `${[
    "# PyPrep: Python interview questions",
    `The PyPrep question bank as a book: ${counts(bank.questions)}. ${CHECKED}`,
    "## Levels",
    levelList.join("\n"),
    "## By topic",
    ...topics,
  ].join("\n\n")}\n`;
}

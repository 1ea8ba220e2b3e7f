import type { Command } from "commander";
import { z } from "zod";
import type { Bank } from "../../content/bank.ts";
import {
  type Exercise,
  effectiveOptions,
  LEVELS,
  type Question,
  type Runnable,
} from "../../content/schema.ts";
import { buildSearchIndex } from "../../content/search.ts";
import { deriveCards } from "../../study/cards.ts";
import { addContentOption, openBank } from "../bank.ts";
import { CliError } from "../errors.ts";
import { examples } from "../help.ts";
import { printJson } from "../output.ts";
import { renderMarkdown } from "../render/markdown.ts";
import { drillTitle } from "../study/titles.ts";
import { detectTerminal } from "../terminal.ts";

const runsOnSchema = z.enum(["both", "cpython"]);

const runnableJsonSchema = z.object({
  key: z.string(),
  title: z.string(),
  /** Markdown, as in the question file. */
  intro: z.string(),
  code: z.string(),
  stdin: z.string().optional(),
  expectedOutput: z.string(),
  explanation: z.string(),
  runsOn: runsOnSchema,
  requiresPython: z.string().optional(),
});

/** `pyprep show ID --json`: the question as the bank holds it, Markdown unrendered. */
export const showJsonSchema = z.object({
  id: z.string(),
  level: z.enum(LEVELS),
  topics: z.array(z.string()).min(1),
  covers: z.string(),
  difficulty: z.number().int().min(1).max(3),
  minutes: z.number().int().min(1),
  question: z.string(),
  context: z.string(),
  answer: z.string(),
  keyPoints: z.array(z.object({ text: z.string(), terms: z.array(z.string()).min(1) })),
  examples: z.array(runnableJsonSchema).min(1),
  drills: z.array(runnableJsonSchema),
  exercises: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      prompt: z.string(),
      starter: z.string(),
      solution: z.string(),
      tests: z.string(),
      runsOn: runsOnSchema,
    }),
  ),
  followUps: z.array(z.string()),
  mistakes: z.array(z.string()),
  cards: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["concept", "drill", "exercise"]),
      key: z.string().optional(),
    }),
  ),
  file: z.string(),
});
export type ShowJson = z.infer<typeof showJsonSchema>;

interface ShowFlags {
  json?: boolean;
  solutions?: boolean;
  content?: string;
}

export function registerShow(program: Command): void {
  const command = program
    .command("show")
    .description("read one question: answer, key points, examples, drills and exercises")
    .argument("<id>", "the question's id (see pyprep list or pyprep search)")
    .option("--solutions", "also print the exercises' reference solutions and tests")
    .option("--json", "print JSON (schema: showJsonSchema in src/cli/commands/show.ts)");
  addContentOption(command);
  command.addHelpText(
    "after",
    examples([
      ["pyprep show list-vs-tuple", "the question, rendered for the terminal"],
      ["pyprep show list-vs-tuple --solutions", "with the exercises' reference solutions"],
      ["pyprep show list-vs-tuple --json", "the question as JSON (Markdown fields)"],
      ["pyprep show list-vs-tuple | less -R", "page through it, colours kept"],
    ]),
  );
  command.action(async (id: string, flags: ShowFlags) => {
    const term = detectTerminal();
    const { bank } = await openBank(term, flags);
    const question = bank.byId.get(id);
    if (!question) throw new CliError(unknownQuestion(bank, id));
    if (flags.json) {
      printJson(term, showJsonSchema, questionJson(question));
      return;
    }
    term.print(renderMarkdown(term, questionMarkdown(question, flags.solutions === true)));
  });
}

/** "no question 'x'", with the closest ids the search finds, so a typo is one step from right. */
export function unknownQuestion(bank: Bank, id: string): string {
  const hits = buildSearchIndex(bank.questions)
    .search(id.replace(/[-_]/g, " "))
    .slice(0, 3)
    .map((hit) => hit.id);
  return `no question with id '${id}'${hits.length > 0 ? `; did you mean ${hits.join(", ")}?` : " (pyprep list shows the ids)"}`;
}

function runsOn(question: Question, block: Runnable["source"]["options"]) {
  const options = effectiveOptions(question, block);
  return {
    runsOn: options.runsOn === "cpython" ? ("cpython" as const) : ("both" as const),
    ...(options.requiresPython ? { requiresPython: options.requiresPython } : {}),
  };
}

function runnableJson(question: Question, runnable: Runnable) {
  return {
    key: runnable.key,
    title: runnable.title,
    intro: runnable.intro,
    code: runnable.source.code,
    ...(runnable.stdin === undefined ? {} : { stdin: runnable.stdin }),
    expectedOutput: runnable.expectedOutput,
    explanation: runnable.explanation,
    ...runsOn(question, runnable.source.options),
  };
}

function questionJson(question: Question): ShowJson {
  return {
    id: question.id,
    level: question.level,
    topics: [...question.topics],
    covers: question.covers,
    difficulty: question.difficulty,
    minutes: question.minutes,
    question: question.question,
    context: question.context,
    answer: question.answer,
    keyPoints: question.keyPoints.map((point) => ({ text: point.text, terms: point.terms })),
    examples: question.examples.map((r) => runnableJson(question, r)),
    drills: question.drills.map((r) => runnableJson(question, r)),
    exercises: question.exercises.map((exercise: Exercise) => ({
      key: exercise.key,
      title: exercise.title,
      prompt: exercise.prompt,
      starter: exercise.starter.code,
      solution: exercise.solution.code,
      tests: exercise.tests.code,
      runsOn: runsOn(question, exercise.options).runsOn,
    })),
    followUps: question.followUps,
    mistakes: question.mistakes,
    cards: deriveCards({ questions: [question] }).map((card) => ({
      id: card.id,
      kind: card.kind,
      ...(card.key ? { key: card.key } : {}),
    })),
    file: question.file,
  };
}

const fence = (lang: string, code: string) => `\`\`\`${lang}\n${code.replace(/\n$/, "")}\n\`\`\``;

/** The question as one Markdown document, in the web page's order, for the terminal renderer. */
function questionMarkdown(question: Question, solutions: boolean): string {
  const parts: string[] = [`# ${question.question}`];
  parts.push(
    `*${question.level} · ${question.topics.join(", ")} · about ${question.minutes} min · ${question.id}*`,
  );
  if (question.context) parts.push(question.context);
  parts.push("## Answer", question.answer);
  parts.push("## Key points", question.keyPoints.map((point) => `- ${point.text}`).join("\n"));
  const runnable = (heading: string, r: Runnable) => {
    parts.push(`## ${heading}`);
    if (r.intro) parts.push(r.intro);
    parts.push(fence("python", r.source.code));
    if (r.stdin !== undefined) parts.push("Standard input:", fence("text", r.stdin));
    parts.push("Output:", fence("text", r.expectedOutput || "(prints nothing)"));
    if (r.explanation) parts.push(r.explanation);
  };
  for (const example of question.examples) {
    runnable(example.title ? `Example: ${example.title}` : "Example", example);
  }
  question.drills.forEach((drill, i) => {
    runnable(`Predict the output: ${drillTitle(drill.title, i)}`, drill);
  });
  for (const exercise of question.exercises) {
    parts.push(`## Exercise: ${exercise.title}`, exercise.prompt, "Starter:");
    parts.push(fence("python", exercise.starter.code));
    if (solutions) {
      parts.push("Reference solution:", fence("python", exercise.solution.code));
      parts.push("Tests:", fence("python", exercise.tests.code));
    }
  }
  parts.push("## Common mistakes", question.mistakes.map((m) => `- ${m}`).join("\n"));
  parts.push("## Follow-up questions", question.followUps.map((f) => `- ${f}`).join("\n"));
  if (!solutions && question.exercises.length > 0) {
    parts.push(`*pyprep show ${question.id} --solutions adds the reference solutions.*`);
  }
  return parts.join("\n\n");
}

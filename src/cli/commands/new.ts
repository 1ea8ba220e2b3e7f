import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { parseCatalog } from "../../content/catalog.ts";
import { DEFAULT_CONTENT_ROOT, listMarkdown } from "../../content/read-bank.ts";
import { type BankCatalog, ID_PATTERN, LEVELS, type Level } from "../../content/schema.ts";
import { addContentOption } from "../bank.ts";
import { CliError } from "../errors.ts";
import { writeOutput } from "../files.ts";
import { collectList, parseCount } from "../filters.ts";
import { examples } from "../help.ts";
import { detectTerminal } from "../terminal.ts";

interface NewFlags {
  level: string;
  covers: string;
  title?: string;
  id?: string;
  topic?: string[];
  minutes?: number;
  difficulty?: number;
  content?: string;
}

export function registerNew(program: Command): void {
  const command = program
    .command("new")
    .description("start a question file with placeholders that pyprep check rejects until filled")
    .requiredOption("--level <level>", `the question's level (${LEVELS.join(", ")})`)
    .requiredOption("--covers <id>", "the syllabus id it covers (content/coverage.yaml), or extra")
    .option("--title <question>", "the question, as an interviewer asks it")
    .option("--id <id>", "the file's id (default: made from the title or the syllabus topic)")
    .option("--topic <topics>", "1 to 3 topic ids from content/topics.yaml", collectList)
    .option("--minutes <n>", "minutes to answer it in a mock interview (default 3)", parseCount(1))
    .option("--difficulty <n>", "1 (easy) to 3 (hard) within its level (default 1)", parseCount(1));
  addContentOption(command);
  command.addHelpText(
    "after",
    examples([
      [
        'pyprep new --level fresher --covers F04 --title "How do a list and a tuple differ?"',
        "content/fresher/how-do-a-list-and-a-tuple-differ.md",
      ],
      ["pyprep new --level expert --covers extra --id retry-budgets", "an extra question"],
      ["pyprep check content/expert/retry-budgets.md", "then fill it until check passes"],
    ]),
  );
  command.action(async (flags: NewFlags) => {
    const term = detectTerminal();
    const root = path.resolve(
      flags.content ?? (process.env.PYPREP_CONTENT_DIR || DEFAULT_CONTENT_ROOT),
    );
    const catalog = await readCatalog(root);
    const plan = planQuestion(catalog, flags);
    const file = path.join(root, plan.level, `${plan.id}.md`);
    const taken = (await listMarkdown(root)).find((f) => path.basename(f) === `${plan.id}.md`);
    if (taken)
      throw new CliError(
        `${path.relative(process.cwd(), taken)} already exists: pick another --id`,
      );
    await writeOutput(file, scaffold(plan));
    const shown = path.relative(process.cwd(), file) || file;
    term.print(`Created ${shown}`);
    term.print(
      term.paint.dim(`Fill in its placeholders, then: pyprep check ${shown} (it fails until then)`),
    );
  });
}

async function readCatalog(root: string): Promise<BankCatalog> {
  const topics = path.join(root, "topics.yaml");
  if (!existsSync(topics))
    throw new CliError(`${root} is not a question bank: it has no topics.yaml`);
  const { catalog, problems } = parseCatalog(
    await readFile(topics, "utf8"),
    await readFile(path.join(root, "coverage.yaml"), "utf8"),
  );
  if (problems.length > 0)
    throw new CliError(`${root}: topics.yaml or coverage.yaml has problems (run pyprep check)`);
  return catalog;
}

export interface QuestionPlan {
  id: string;
  level: Level;
  covers: string;
  title: string | undefined;
  topics: string[];
  minutes: number;
  difficulty: number;
}

/** Checks every flag against the catalog and works out the id; one line for the first problem. */
export function planQuestion(catalog: BankCatalog, flags: NewFlags): QuestionPlan {
  if (!(LEVELS as readonly string[]).includes(flags.level)) {
    throw new CliError(`unknown level '${flags.level}' (levels: ${LEVELS.join(", ")})`);
  }
  const level = flags.level as Level;
  const syllabus = catalog.coverage[level];
  if (flags.covers !== "extra" && !(flags.covers in syllabus)) {
    const ids = Object.keys(syllabus);
    throw new CliError(
      `--covers ${flags.covers} is not a ${level} syllabus id (${ids[0]}..${ids.at(-1)}, or extra)`,
    );
  }
  const known = catalog.topics.map((topic) => topic.id);
  const topics = flags.topic ?? [];
  for (const topic of topics) {
    if (!known.includes(topic))
      throw new CliError(`unknown topic '${topic}' (topics: ${known.join(", ")})`);
  }
  if (topics.length > 3) throw new CliError("--topic takes 1 to 3 topics");
  if (flags.difficulty !== undefined && flags.difficulty > 3) {
    throw new CliError("--difficulty is 1, 2 or 3");
  }
  if (flags.minutes !== undefined && flags.minutes > 20) throw new CliError("--minutes is 1 to 20");
  const from =
    flags.id ?? flags.title ?? (flags.covers === "extra" ? undefined : syllabus[flags.covers]);
  if (!from) throw new CliError("an extra question needs --title or --id to name its file");
  const id = flags.id ?? slug(from);
  if (!ID_PATTERN.test(id)) {
    throw new CliError(`--id '${id}' must be lower-case words joined by hyphens (a-z, 0-9, -)`);
  }
  return {
    id,
    level,
    covers: flags.covers,
    title: flags.title?.trim() || undefined,
    topics,
    minutes: flags.minutes ?? 3,
    difficulty: flags.difficulty ?? 1,
  };
}

/** "How do `*args` work?" → `how-do-args-work`; at most eight words. */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .slice(0, 8)
    .join("-");
}

/**
 * The new file. Every placeholder is one `pyprep check` rejects: a missing question
 * heading, an empty Answer, key points without text or terms, an example whose output
 * is not what its code prints, empty Follow-ups and Common mistakes, and no topics
 * unless given. So the file cannot pass by accident with a placeholder left in it.
 */
export function scaffold(plan: QuestionPlan): string {
  const front = [
    "---",
    `id: ${plan.id}`,
    `covers: ${plan.covers}`,
    `level: ${plan.level}`,
    `topics: [${plan.topics.join(", ")}]`,
    `minutes: ${plan.minutes}`,
    `difficulty: ${plan.difficulty}`,
    "---",
  ];
  const guide = [
    "<!--",
    "  Made by `pyprep new`. `pyprep check` rejects this file until every placeholder is filled:",
    ...(plan.topics.length === 0
      ? ["  - topics: 1 to 3 ids from topics.yaml, the main one first;"]
      : []),
    ...(plan.title ? [] : ["  - a `# ` heading: the question, as an interviewer asks it;"]),
    "  - Answer: what a strong candidate says in about two minutes;",
    "  - Key points: 3 to 6 bullets, each ending with a terms comment as below, listing the",
    "    words and phrases (comma-separated) that show a typed answer touched the point;",
    "  - Example: a program that shows the answer's claim, and its exact output;",
    "  - Follow-ups: 1 to 3 bullets; Common mistakes: at least one bullet.",
    "  Drills and exercises are optional sections; the format is docs/content-format.md.",
    "  Delete this comment when you are done.",
    "-->",
  ];
  const body = [
    ...(plan.title ? [`# ${plan.title}`] : []),
    "## Answer",
    "## Key points",
    ["- <!-- terms: -->", "- <!-- terms: -->", "- <!-- terms: -->"].join("\n"),
    "## Example",
    ["```python", "# a program whose output shows the point", "```"].join("\n"),
    ["```output", "what the program above prints, exactly", "```"].join("\n"),
    "## Follow-ups",
    "## Common mistakes",
  ];
  return `${front.join("\n")}\n\n${guide.join("\n")}\n\n${body.join("\n\n")}\n`;
}

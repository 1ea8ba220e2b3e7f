import type { Bank } from "../../../src/content/bank.ts";
import { buildBank } from "../../../src/content/load.ts";
import { catalog, goodQuestion } from "../../fixtures/catalog.ts";

/** One question file made from the parser's known-good fixture, with a few lines changed. */
export function variant(options: {
  id: string;
  level: "fresher" | "intermediate" | "expert";
  topics: string;
  h1?: string;
  answer?: string;
  drillCode?: string;
  drillOutput?: string;
}): { path: string; text: string } {
  let text = goodQuestion
    .replace(/^id: .*$/m, `id: ${options.id}`)
    .replace(/^level: .*$/m, `level: ${options.level}`)
    .replace(/^topics: .*$/m, `topics: ${options.topics}`);
  if (options.h1)
    text = text.replace(/^covers: .*$/m, "covers: extra").replace(/^# .*$/m, `# ${options.h1}`);
  if (options.answer) {
    text = text.replace(
      "The model answer, in Markdown: what a strong candidate says in about two minutes.",
      options.answer,
    );
  }
  if (options.drillCode && options.drillOutput) {
    text = text.replace(
      "```python\na = [1, 2]\nb = (a, 3)\na.append(9)\nprint(b)\n```\n\n```output\n([1, 2, 9], 3)\n```",
      `\`\`\`python\n${options.drillCode}\n\`\`\`\n\n\`\`\`output\n${options.drillOutput}\n\`\`\``,
    );
  }
  return { path: `${options.level}/${options.id}.md`, text };
}

export const FIXTURE_FILES = [
  variant({ id: "list-vs-tuple", level: "fresher", topics: "[data-structures, types]" }),
  variant({
    id: "nested-freezing",
    level: "intermediate",
    topics: "[data-structures]",
    h1: "Why does freezing a nested structure need `**recursion**`?",
    answer:
      "Because each level is its own object; see [the basics](../fresher/list-vs-tuple.md).\n\n```python\nfrozen = tuple(map(freeze, items))  # one level <at> a time\n```",
    drillCode: 'print("a < b & c")\nprint(1 if [] else 2)',
    drillOutput: "a < b & c\n2",
  }),
  variant({
    id: "thread-safe-counter",
    level: "expert",
    topics: "[concurrency, data-structures]",
    h1: "How do you make a counter safe across threads?",
  }),
];

export function fixtureBank(files = FIXTURE_FILES): Bank {
  const { bank, problems } = buildBank(files, catalog);
  if (problems.length > 0) {
    throw new Error(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n"));
  }
  return bank;
}

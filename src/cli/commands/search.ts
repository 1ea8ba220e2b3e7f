import type { Command } from "commander";
import { z } from "zod";
import { LEVELS } from "../../content/schema.ts";
import { buildSearchIndex, plainText } from "../../content/search.ts";
import { addContentOption, openBank } from "../bank.ts";
import { CliError } from "../errors.ts";
import { addFilterOptions, checkFilters, parseCount } from "../filters.ts";
import { examples } from "../help.ts";
import { printJson } from "../output.ts";
import { detectTerminal, type Terminal } from "../terminal.ts";
import { matches } from "./list.ts";

/** `pyprep search --json`: best match first, as `GET /api/questions?q=` ranks them. */
export const searchJsonSchema = z.object({
  query: z.string(),
  total: z.number().int().min(0),
  items: z.array(
    z.object({
      id: z.string(),
      level: z.enum(LEVELS),
      topics: z.array(z.string()).min(1),
      question: z.string(),
      score: z.number(),
      /** Up to three snippets, plain text; the matched words are listed in `matched`. */
      snippets: z.array(z.string()),
      matched: z.array(z.string()),
    }),
  ),
});
export type SearchJson = z.infer<typeof searchJsonSchema>;

interface SearchFlags {
  level?: string[];
  topic?: string[];
  limit: number;
  json?: boolean;
  content?: string;
}

export function registerSearch(program: Command): void {
  const command = program
    .command("search")
    .description("full-text search over questions, answers, key points and examples")
    .argument("<words...>", "what to look for; the last word may be unfinished");
  addFilterOptions(command);
  command
    .option("--limit <n>", "at most this many results", parseCount(1), 10)
    .option("--json", "print JSON (schema: searchJsonSchema in src/cli/commands/search.ts)");
  addContentOption(command);
  command.addHelpText(
    "after",
    examples([
      ["pyprep search mutable default argument", "ranked questions with snippets"],
      ["pyprep search generat", "prefix: generator, generators, generated"],
      ["pyprep search asyncio --level expert --limit 3", "the three best expert matches"],
    ]),
  );
  command.action(async (words: string[], flags: SearchFlags) => {
    const term = detectTerminal();
    const query = words.join(" ").trim();
    if (query === "") throw new CliError("search needs at least one word");
    const { bank } = await openBank(term, flags);
    const filters = checkFilters(bank, flags);
    const within = new Set(bank.questions.filter((q) => matches(q, filters)).map((q) => q.id));
    const hits = buildSearchIndex(bank.questions).search(query, { within });
    const shown = hits.slice(0, flags.limit).flatMap((hit) => {
      const question = bank.byId.get(hit.id);
      return question ? [{ hit, question }] : [];
    });
    if (flags.json) {
      printJson(term, searchJsonSchema, {
        query,
        total: hits.length,
        items: shown.map(({ hit, question }) => ({
          id: question.id,
          level: question.level,
          topics: [...question.topics],
          question: question.question,
          score: hit.score,
          snippets: hit.highlights.map((html) => unmark(html, (word) => word)),
          matched: [
            ...new Set(
              hit.highlights.flatMap((html) =>
                [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => unescapeHtml(m[1] ?? "")),
              ),
            ),
          ],
        })),
      });
      return;
    }
    if (shown.length === 0) {
      term.print(`Nothing found for "${query}".`);
      return;
    }
    for (const { hit, question } of shown) {
      term.print(
        `${term.paint.bold(question.id)}  ${term.paint.dim(`${question.level} ${term.glyphs.dot} ${question.topics.join(", ")}`)}`,
      );
      // The question's own snippet (when it matched) replaces the plain question line.
      const title = plainText(question.question);
      const own = hit.highlights.find((html) =>
        title.includes(unmark(html, (word) => word).replace(/^…|…$/g, "")),
      );
      term.print(`  ${own ? unmark(own, (word) => highlight(term, word)) : question.question}`);
      for (const html of hit.highlights.filter((h) => h !== own)) {
        term.print(`    ${term.paint.dim(unmark(html, (word) => highlight(term, word)))}`);
      }
    }
    if (hits.length > shown.length) {
      term.print(
        term.paint.dim(`${hits.length - shown.length} more; --limit ${hits.length} shows all`),
      );
    }
  });
}

function highlight(term: Terminal, word: string): string {
  return term.paint.bold(term.paint.yellow(word));
}

/** The search index's escaped HTML snippet as terminal text, each `<mark>` passed to `mark`. */
function unmark(html: string, mark: (word: string) => string): string {
  return html
    .split(/(<mark>.*?<\/mark>)/g)
    .map((part) => {
      const marked = /^<mark>(.*)<\/mark>$/.exec(part);
      return marked ? mark(unescapeHtml(marked[1] ?? "")) : unescapeHtml(part);
    })
    .join("")
    .replace(/\s+/g, " ");
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

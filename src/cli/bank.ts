import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { Bank } from "../content/bank.ts";
import { DEFAULT_CONTENT_ROOT, loadBank } from "../content/read-bank.ts";
import { deriveCards } from "../study/cards.ts";
import type { StudyCard } from "../study/types.ts";
import { CliError } from "./errors.ts";
import { withSpinner } from "./spinner.ts";
import type { Terminal } from "./terminal.ts";

export function addContentOption(command: Command): Command {
  return command.option(
    "--content <dir>",
    "question bank root (default $PYPREP_CONTENT_DIR or the bundled content/)",
  );
}

export interface LoadedBank {
  bank: Bank;
  cards: StudyCard[];
  cardById: ReadonlyMap<string, StudyCard>;
  root: string;
}

/**
 * The bank the local server would serve for the same settings. Files with problems
 * are skipped, as the server skips them, with one line saying how to see why.
 */
export async function openBank(
  term: Terminal,
  flags: { content?: string },
  env = process.env,
): Promise<LoadedBank> {
  const chosen = flags.content ?? (env.PYPREP_CONTENT_DIR || undefined);
  const root = path.resolve(chosen ?? DEFAULT_CONTENT_ROOT);
  if (!existsSync(path.join(root, "topics.yaml"))) {
    throw new CliError(`${root} is not a question bank: it has no topics.yaml`);
  }
  const { bank, problems } = await withSpinner(term, "Loading the question bank", () =>
    loadBank(root),
  );
  const badFiles = new Set(problems.map((problem) => problem.file)).size;
  if (badFiles > 0) {
    term.warn(
      `pyprep: skipped ${badFiles} question file${badFiles === 1 ? "" : "s"} with problems (pyprep check${chosen ? ` --root ${chosen}` : ""} lists them)`,
    );
  }
  const cards = deriveCards(bank);
  return { bank, cards, cardById: new Map(cards.map((card) => [card.id, card])), root };
}

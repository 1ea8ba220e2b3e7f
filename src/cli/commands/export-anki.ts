import cliProgress from "cli-progress";
import type { Command } from "commander";
import { buildAnkiPackage, EmptyExportError } from "../../export/anki/package.ts";
import { addContentOption, openBank } from "../bank.ts";
import { CliError } from "../errors.ts";
import { writeOutput } from "../files.ts";
import { addFilterOptions, checkFilters } from "../filters.ts";
import { examples } from "../help.ts";
import { detectTerminal, type Terminal } from "../terminal.ts";

interface ExportAnkiFlags {
  content?: string;
  level?: string[];
  topic?: string[];
  force?: boolean;
  progress: boolean;
}

/** `pyprep export anki FILE.apkg`: the bank as an Anki deck (docs/export.md). */
export function registerExportAnki(exporter: Command): void {
  const command = exporter
    .command("anki")
    .description("write the question bank as an Anki deck (.apkg), one sub-deck per level")
    .argument("<file>", "the .apkg file to write; - for stdout");
  addFilterOptions(command);
  addContentOption(command);
  command
    .option("--force", "replace the file if it exists")
    .option("--no-progress", "no progress bar")
    .addHelpText(
      "after",
      examples([
        ["pyprep export anki pyprep.apkg", "every question and drill"],
        ["pyprep export anki fresher.apkg --level fresher", "one level"],
        ["pyprep export anki async.apkg --topic concurrency,asyncio", "some topics"],
        ["pyprep export anki pyprep.apkg --force", "a newer deck over an older file"],
      ]),
    )
    .action(async (file: string, flags: ExportAnkiFlags) => {
      if (file !== "-" && !file.toLowerCase().endsWith(".apkg")) {
        throw new CliError(`${file}: an Anki package must end in .apkg (Anki opens it by that)`);
      }
      const term = detectTerminal();
      const { bank } = await openBank(term, flags);
      const { levels, topics } = checkFilters(bank, flags);
      const bar = progressBar(term, flags.progress, "Building the deck");
      let deck: Awaited<ReturnType<typeof buildAnkiPackage>>;
      try {
        deck = await buildAnkiPackage(bank, {
          levels,
          topics,
          now: new Date(),
          onProgress: (done, total) => bar?.update(done, total),
        });
      } catch (error) {
        if (error instanceof EmptyExportError) throw new CliError(`${error.message}`);
        throw error;
      } finally {
        bar?.stop();
      }
      await writeOutput(file, deck.bytes, { overwrite: flags.force });
      if (file !== "-") {
        term.warn(
          `Wrote ${file}: ${plural(deck.notes, "note")} (${plural(deck.notes - deck.drills, "question")}, ${plural(deck.drills, "drill")}) in ${deck.decks.slice(1).join(", ")}. Import it in Anki with File > Import.`,
        );
      }
    });
}

/** A bar on stderr when it is a terminal, like `pyprep check`'s; nothing in pipes. */
export function progressBar(
  term: Terminal,
  wanted: boolean,
  label: string,
): { update(done: number, total: number): void; stop(): void } | undefined {
  const stderr = term.err as NodeJS.WriteStream;
  if (!wanted || !stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    { format: `${label} {bar} {value}/{total} questions`, stream: stderr, hideCursor: true },
    term.unicode ? cliProgress.Presets.shades_classic : cliProgress.Presets.legacy,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

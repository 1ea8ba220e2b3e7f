import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { buildMarkdownBook } from "../../export/markdown/book.ts";
import { addContentOption, openBank } from "../bank.ts";
import { CliError } from "../errors.ts";
import { writeOutput } from "../files.ts";
import { examples } from "../help.ts";
import { detectTerminal } from "../terminal.ts";
import { plural, progressBar } from "./export-anki.ts";

interface ExportMarkdownFlags {
  content?: string;
  force?: boolean;
  progress: boolean;
}

/** `pyprep export markdown DIR`: the bank as a Markdown book (docs/export.md). */
export function registerExportMarkdown(exporter: Command): void {
  const command = exporter
    .command("markdown")
    .description("write the question bank as Markdown: README.md and one file per level")
    .argument("<dir>", "the folder to write into (created if missing)");
  addContentOption(command);
  command
    .option("--force", "replace the book's files if they exist")
    .option("--no-progress", "no progress bar")
    .addHelpText(
      "after",
      examples([
        ["pyprep export markdown book", "book/README.md, book/fresher.md, ..."],
        ["pyprep export markdown docs/questions --force", "refresh a committed copy"],
      ]),
    )
    .action(async (dir: string, flags: ExportMarkdownFlags) => {
      if (existsSync(dir) && !statSync(dir).isDirectory()) {
        throw new CliError(`${dir} is a file, not a folder`);
      }
      const term = detectTerminal();
      const { bank } = await openBank(term, flags);
      const bar = progressBar(term, flags.progress, "Writing the book");
      let files: ReturnType<typeof buildMarkdownBook>;
      try {
        files = buildMarkdownBook(bank, { onProgress: (done, total) => bar?.update(done, total) });
      } finally {
        bar?.stop();
      }
      // Refuse before writing anything, so a half-replaced book never happens.
      const targets = files.map((file) => ({ ...file, target: path.join(dir, file.path) }));
      const existing = targets.find(({ target }) => existsSync(target));
      if (existing && !flags.force) {
        throw new CliError(`${existing.target} already exists (pass --force to replace the book)`);
      }
      for (const { target, text } of targets) {
        await writeOutput(target, text, { overwrite: true });
      }
      term.warn(
        `Wrote ${targets.map((t) => t.target).join(", ")}: ${plural(bank.questions.length, "question")}.`,
      );
    });
}

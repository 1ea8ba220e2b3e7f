import type { Command } from "commander";
import { examples } from "../help.ts";

/**
 * `pyprep export <what>`: one subcommand per format. This registers the parent only;
 * each format is a module exporting `registerExportX(exportCommand)`, added to main.ts
 * with one line (`registerExportProgress(exporter)`, later Anki and Markdown), so a new
 * format never edits another's file. Helpers they share: `writeOutput` (files.ts) for
 * atomic writes that refuse to overwrite without `--force`, `openBank`/`addContentOption`
 * (bank.ts), `addFilterOptions`/`checkFilters` (filters.ts), `withSpinner` (spinner.ts).
 */
export function registerExport(program: Command): Command {
  return program
    .command("export")
    .description("export your progress (JSON) or the question bank")
    .addHelpText(
      "after",
      examples([
        ["pyprep export progress progress.json", "your reviews, cards and settings"],
        ["pyprep export <format> --help", "a format's options"],
      ]),
    );
}

/** `pyprep import <what>`: the mirror of export, one subcommand per format. */
export function registerImport(program: Command): Command {
  return program
    .command("import")
    .description("import progress exported by pyprep or the web app")
    .addHelpText(
      "after",
      examples([["pyprep import progress progress.json", "merge a progress file into yours"]]),
    );
}

import type { Command } from "commander";
import { StoreInputError } from "../../store/errors.ts";
import { addDatabaseOptions, type DatabaseFlags, openUserStore, USER_ID } from "../database.ts";
import { CliError } from "../errors.ts";
import { readInput } from "../files.ts";
import { examples } from "../help.ts";
import { withSpinner } from "../spinner.ts";
import { detectTerminal } from "../terminal.ts";

/**
 * `pyprep import progress FILE`: merges a progress file into the local profile. The store
 * validates the whole file before writing anything and names what is wrong; importing
 * the same file twice changes nothing.
 */
export function registerImportProgress(importer: Command): void {
  const command = importer
    .command("progress")
    .description("merge a progress file (from pyprep export progress or the web app)")
    .argument("<file>", "the JSON file; - for stdin");
  addDatabaseOptions(command);
  command.addHelpText(
    "after",
    examples([
      ["pyprep import progress ~/pyprep-progress.json", "restore a backup"],
      ["gunzip -c progress.json.gz | pyprep import progress -", "from stdin"],
    ]),
  );
  command.action(async (file: string, flags: DatabaseFlags) => {
    const term = detectTerminal();
    const text = await readInput(file);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const what =
        text.trim() === "" ? "is empty" : `is not complete JSON (${(error as Error).message})`;
      throw new CliError(`${file} ${what}: expected a file from pyprep export progress`);
    }
    const store = await openUserStore(flags);
    try {
      const summary = await withSpinner(term, "Importing", () =>
        store.importProgress(USER_ID, json).catch((error: unknown) => {
          // The store names what is wrong with the file; say which file.
          if (error instanceof StoreInputError) throw new CliError(`${file}: ${error.message}`);
          throw error;
        }),
      );
      term.print(
        `Imported ${summary.reviewsAdded} reviews (${summary.reviewsAlreadyPresent} already there), ` +
          `${summary.cardStatesWritten} card states (${summary.cardStatesKept} kept: yours were further along), ` +
          `${summary.mockResultsAdded} mock results, ` +
          `${summary.interviewsAdded + summary.interviewsUpdated} interviews (${summary.interviewsKept} kept: yours were as recent).`,
      );
    } finally {
      await store.close();
    }
  });
}

import type { Command } from "commander";
import { addDatabaseOptions, type DatabaseFlags, openUserStore, USER_ID } from "../database.ts";
import { writeOutput } from "../files.ts";
import { examples } from "../help.ts";
import { withSpinner } from "../spinner.ts";
import { detectTerminal } from "../terminal.ts";

interface ExportFlags extends DatabaseFlags {
  force?: boolean;
}

/** `pyprep export progress FILE`: the store's versioned progress file, as the web app downloads it. */
export function registerExportProgress(exporter: Command): void {
  const command = exporter
    .command("progress")
    .description(
      "write your progress (settings, card states, reviews, mock results, interviews) as JSON",
    )
    .argument("<file>", "where to write it; - for stdout")
    .option("--force", "replace the file if it exists");
  addDatabaseOptions(command);
  command.addHelpText(
    "after",
    examples([
      ["pyprep export progress ~/pyprep-progress.json", "a backup"],
      ["pyprep export progress - | gzip > progress.json.gz", "to stdout"],
      ["pyprep export progress old.json --db ~/old.sqlite", "from another database"],
    ]),
  );
  command.action(async (file: string, flags: ExportFlags) => {
    const term = detectTerminal();
    const store = await openUserStore(flags);
    try {
      const data = await withSpinner(term, "Reading your progress", () =>
        store.exportProgress(USER_ID),
      );
      await writeOutput(file, `${JSON.stringify(data, null, 2)}\n`, { overwrite: flags.force });
      if (file !== "-") {
        term.warn(
          `Wrote ${file}: ${data.reviews.length} reviews, ${data.cardStates.length} card states, ${data.mockResults.length} mock results, ${data.interviews.length} interviews.`,
        );
      }
    } finally {
      await store.close();
    }
  });
}

import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { PACKAGE_ROOT } from "../server/config.ts";
import { checkCommand } from "./commands/check.ts";
import { registerExport, registerImport } from "./commands/export.ts";
import { registerExportAnki } from "./commands/export-anki.ts";
import { registerExportMarkdown } from "./commands/export-markdown.ts";
import { registerExportProgress } from "./commands/export-progress.ts";
import { registerImportProgress } from "./commands/import-progress.ts";
import { registerList } from "./commands/list.ts";
import { registerMock } from "./commands/mock.ts";
import { registerNew } from "./commands/new.ts";
import { registerPlan } from "./commands/plan.ts";
import { registerSearch } from "./commands/search.ts";
import { registerServe } from "./commands/serve.ts";
import { registerShow } from "./commands/show.ts";
import { registerStats } from "./commands/stats.ts";
import { registerStudy } from "./commands/study.ts";
import { registerTrace } from "./commands/trace.ts";
import { describeError, oneLine } from "./errors.ts";
import { examples } from "./help.ts";
import { installInterruptHandler } from "./interrupt.ts";

const { version } = JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, "utf8")) as {
  version: string;
};

const program = new Command();
program
  .name("pyprep")
  .description(
    "Python interview preparation: study, drills, mock interviews and the checked question bank.",
  )
  .version(version, "-V, --version", "print the version")
  .showSuggestionAfterError(true)
  .configureOutput({
    // Commander's own errors (unknown option, missing argument) as one line, like ours.
    outputError: (text, write) =>
      write(
        `pyprep: ${oneLine(text.replace(/^error: /, "").replace(/\s*\(Did you mean/, " (did you mean"))}\n`,
      ),
  })
  .addHelpText(
    "after",
    examples([
      ["pyprep study", "today's session in the terminal"],
      ["pyprep stats", "due today, reviews per day, retention, streak"],
      ["pyprep search generator send", "find questions"],
      ["pyprep show list-vs-tuple", "read one question"],
      ["pyprep serve", "the web app on http://127.0.0.1:4310"],
      ["pyprep <command> --help", "a command's options and examples"],
    ]),
  );

program
  .command("check")
  .description("validate question files and run every example, drill and exercise")
  .argument("[paths...]", "question files or folders (default: the whole bank)")
  .addOption(
    new Option("--backend <name>", "where to run the code")
      .choices(["cpython", "pyodide", "both"])
      .default("both"),
  )
  .option("--root <dir>", "the bank's root folder (holds topics.yaml and coverage.yaml)")
  .option("--no-progress", "no progress bar")
  .addHelpText(
    "after",
    examples([
      ["pyprep check", "the whole bank on both backends"],
      ["pyprep check content/fresher --backend cpython", "one level, native CPython only"],
      ["pyprep check content/expert/circuit-breaker-states-clock.md", "one file"],
    ]),
  )
  .action(
    async (
      paths: string[],
      options: { backend: "cpython" | "pyodide" | "both"; root?: string; progress: boolean },
    ) => {
      process.exitCode = await checkCommand(paths, {
        backend: options.backend,
        ...(options.root ? { root: options.root } : {}),
        ...(options.progress ? {} : { progress: false }),
      });
    },
  );

registerStudy(program);
registerStats(program);
registerPlan(program);
registerMock(program);
registerList(program);
registerShow(program);
registerSearch(program);
registerTrace(program);
// One subcommand per format, each one line: registerExportAnki(exporter), registerExportMarkdown(exporter).
const exporter = registerExport(program);
registerExportProgress(exporter);
registerExportAnki(exporter);
registerExportMarkdown(exporter);
const importer = registerImport(program);
registerImportProgress(importer);
registerNew(program);
registerServe(program);

program.commands
  .find((command) => command.name() === "serve")
  ?.addHelpText(
    "after",
    examples([
      ["pyprep serve", "local mode: http://127.0.0.1:4310, ~/.pyprep/pyprep.sqlite"],
      ["pyprep serve --port 8080 --db ./progress.sqlite", "another port and database"],
    ]),
  );

installInterruptHandler();
program.parseAsync().catch((error: unknown) => {
  const { message, exitCode } = describeError(error);
  console.error(`pyprep: ${oneLine(message)}`);
  if (process.env.PYPREP_DEBUG && error instanceof Error) console.error(error.stack);
  process.exitCode = exitCode;
});

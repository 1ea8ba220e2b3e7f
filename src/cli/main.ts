import { Command, Option } from "commander";
import { checkCommand } from "./commands/check.ts";
import { registerServe } from "./commands/serve.ts";

const program = new Command();
program
  .name("pyprep")
  .description(
    "Python interview preparation: study, drills, mock interviews and the checked question bank.",
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

registerServe(program);

program.parseAsync().catch((error: unknown) => {
  console.error(`pyprep: ${(error as Error).message ?? String(error)}`);
  process.exitCode = 2;
});

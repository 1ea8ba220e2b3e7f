import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/workspace.ts";

/** The command names a help text lists under "Commands:", `help` itself left out. */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1]?.split(/^\S/m)[0] ?? "";
  return [...section.matchAll(/^ {2}(\S+)/gm)]
    .map((m) => m[1] ?? "")
    .filter((name) => name !== "help");
}

describe("pyprep --help and --version", () => {
  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    const result = await runCli(["--version"], process.env);
    expect(result.stdout.trim()).toBe(version);
  });

  it("lists the commands, and every command and subcommand has --help with examples", async () => {
    const top = await runCli(["--help"], process.env);
    expect(top.code).toBe(0);
    const names = commandsIn(top.stdout);
    expect(names).toEqual(
      expect.arrayContaining([
        "check",
        "serve",
        "study",
        "stats",
        "list",
        "show",
        "search",
        "export",
        "import",
        "new",
      ]),
    );
    expect(top.stdout).toContain("Examples:");
    const checked: string[] = [];
    const visit = async (path: string[]) => {
      const help = await runCli([...path, "--help"], process.env);
      expect(help.code, path.join(" ")).toBe(0);
      expect(help.stdout, `pyprep ${path.join(" ")} --help`).toMatch(/\nExamples:\n {2}\$ pyprep /);
      checked.push(path.join(" "));
      for (const sub of commandsIn(help.stdout)) await visit([...path, sub]);
    };
    await Promise.all(names.map((name) => visit([name])));
    expect(checked).toEqual(expect.arrayContaining(["export progress", "import progress"]));
  }, 300_000);
});

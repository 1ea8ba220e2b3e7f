import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noteGuid } from "../../src/export/anki/ids.ts";
import { makeWorkspace, runCli, type Workspace } from "../cli/support/workspace.ts";
import { openApkg } from "./support/apkg.ts";

let workspace: Workspace;
beforeAll(() => {
  workspace = makeWorkspace();
});
afterAll(() => workspace.cleanup());

const cli = (args: string[]) => runCli([...args, "--content", workspace.bank], workspace.env);

/** A CLI error is one line on stderr, `pyprep: ...`, with no stack trace. */
function expectOneLineError(result: { code: number; stderr: string }, text: string) {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toBe(`pyprep: ${text}`);
}

describe("pyprep export anki", () => {
  it("writes a package Anki can import, and says what it holds", async () => {
    const file = path.join(workspace.dir, "deck.apkg");
    const result = await cli(["export", "anki", file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe(
      `Wrote ${file}: 2 notes (1 question, 1 drill) in PyPrep::Fresher. Import it in Anki with File > Import.`,
    );
    const apkg = openApkg(readFileSync(file));
    expect(apkg.col.ver).toBe(11);
    expect([...apkg.byGuid.keys()].sort()).toEqual(
      [noteGuid("list-vs-tuple"), noteGuid("list-vs-tuple/drill-1")].sort(),
    );
  });

  it("refuses to replace a file without --force, and replaces it with", async () => {
    const file = path.join(workspace.dir, "again.apkg");
    writeFileSync(file, "old");
    expectOneLineError(
      await cli(["export", "anki", file]),
      `${file} already exists (pass --force to replace it)`,
    );
    expect(readFileSync(file, "utf8")).toBe("old");
    const forced = await cli(["export", "anki", file, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(openApkg(readFileSync(file)).notes).toHaveLength(2);
  });

  it("says in one line what is wrong with the file name or the filters", async () => {
    const dir = workspace.dir;
    expectOneLineError(
      await cli(["export", "anki", path.join(dir, "deck.zip")]),
      `${path.join(dir, "deck.zip")}: an Anki package must end in .apkg (Anki opens it by that)`,
    );
    expectOneLineError(
      await cli(["export", "anki", path.join(dir, "x.apkg"), "--level", "senior"]),
      "unknown level 'senior' (levels: fresher, intermediate, expert)",
    );
    const topic = await cli(["export", "anki", path.join(dir, "x.apkg"), "--topic", "nope"]);
    expect(topic.code).toBe(1);
    expect(topic.stderr).toMatch(/^pyprep: unknown topic 'nope' \(topics: language, /);
    expectOneLineError(
      await cli(["export", "anki", path.join(dir, "x.apkg"), "--level", "expert"]),
      "no questions match these filters",
    );
    expect(existsSync(path.join(dir, "x.apkg"))).toBe(false);
  });
});

describe("pyprep export markdown", () => {
  it("writes the book into a new folder and will not overwrite it without --force", async () => {
    const dir = path.join(workspace.dir, "book");
    const result = await cli(["export", "markdown", dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.trim()).toBe(
      `Wrote ${path.join(dir, "README.md")}, ${path.join(dir, "fresher.md")}: 1 question.`,
    );
    const fresher = readFileSync(path.join(dir, "fresher.md"), "utf8");
    expect(fresher).toContain('<a id="q-list-vs-tuple"></a>');
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toContain(
      "](fresher.md#q-list-vs-tuple)",
    );
    expectOneLineError(
      await cli(["export", "markdown", dir]),
      `${path.join(dir, "README.md")} already exists (pass --force to replace the book)`,
    );
    expect((await cli(["export", "markdown", dir, "--force"])).code).toBe(0);
  });

  it("refuses a path that is a file", async () => {
    const file = path.join(workspace.dir, "not-a-dir");
    writeFileSync(file, "");
    expectOneLineError(await cli(["export", "markdown", file]), `${file} is a file, not a folder`);
  });
});

describe("--help", () => {
  it("ends with examples for both formats", async () => {
    for (const format of ["anki", "markdown"]) {
      const help = await runCli(["export", format, "--help"], workspace.env);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`\\nExamples:\\n {2}\\$ pyprep export ${format} `));
    }
  });
});

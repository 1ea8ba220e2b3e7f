import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.ts";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

let workspace: Workspace;
beforeAll(() => {
  workspace = makeWorkspace();
});
afterAll(() => workspace.cleanup());

/** Bad input: exactly one line on stderr, `pyprep: ` first, no stack, a non-zero status. */
async function expectOneLineError(args: string[], pattern: RegExp, input?: string) {
  const result = await runCli(args, workspace.env, input);
  expect(result.code, result.stderr).not.toBe(0);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^pyprep: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result;
}

describe("bad input gets one line and a non-zero exit", () => {
  const bank = () => ["--content", workspace.bank];

  it.each([
    ["an unknown option", ["list", "--levle", "expert"], /unknown option '--levle'.*--level/],
    ["an unknown command", ["stuyd"], /unknown command 'stuyd'.*study/],
    ["a bad choice", ["list", "--status", "sleepy"], /--status.*new, learning, due, mastered/],
    ["a bad number", ["study", "--new", "-2"], /--new <n>.*whole number/],
    ["an unknown level", ["list", "--level", "guru"], /unknown level 'guru'/],
    ["an unknown topic", ["search", "x", "--topic", "cooking"], /unknown topic 'cooking'/],
    ["a missing argument", ["show"], /missing required argument 'id'/],
  ])("%s", async (_name, args, pattern) => {
    await expectOneLineError([...args, ...bank()], pattern);
  });

  it("study without a terminal", async () => {
    await expectOneLineError(["study", "--db", workspace.db, ...bank()], /study needs a terminal/);
  });

  it("a bank folder that is not one", async () => {
    await expectOneLineError(["list", "--content", workspace.home], /is not a question bank/);
  });

  it("a progress file that does not exist, is a folder, is not JSON, or is not a progress file", async () => {
    const db = ["--db", workspace.db];
    await expectOneLineError(
      ["import", "progress", path.join(workspace.dir, "missing.json"), ...db],
      /missing\.json: no such file or folder/,
    );
    await expectOneLineError(
      ["import", "progress", workspace.home, ...db],
      /is a folder, not a file/,
    );
    const truncated = path.join(workspace.dir, "truncated.json");
    writeFileSync(truncated, '{"format": "pyprep-progress", "version": 1, "rev');
    await expectOneLineError(["import", "progress", truncated, ...db], /not complete JSON/);
    const other = path.join(workspace.dir, "other.json");
    writeFileSync(other, JSON.stringify({ name: "some other tool", items: [] }));
    await expectOneLineError(["import", "progress", other, ...db], /other\.json: .*format/);
  });

  it("a database a newer PyPrep wrote", async () => {
    const db = path.join(workspace.dir, "newer.sqlite");
    const store = await openStore({ sqlitePath: db });
    await store.close();
    const sqlite = new BetterSqlite3(db);
    sqlite
      .prepare("insert into kysely_migration (name, timestamp) values (?, ?)")
      .run("9999_from_the_future", new Date().toISOString());
    sqlite.close();
    await expectOneLineError(
      ["stats", "--db", db, ...bank()],
      /newer version of PyPrep.*9999_from_the_future/,
    );
  });

  it("a database file that is not SQLite", async () => {
    const db = path.join(workspace.dir, "notes.sqlite");
    writeFileSync(db, "these are my notes, not a database\n".repeat(100));
    await expectOneLineError(["stats", "--db", db, ...bank()], /is not a SQLite database/);
  });

  it("a database path that cannot be created", async () => {
    const blocker = path.join(workspace.dir, "a-file");
    writeFileSync(blocker, "");
    await expectOneLineError(
      ["stats", "--db", path.join(blocker, "sub", "db.sqlite"), ...bank()],
      /cannot open .*a-file.*not a folder/,
    );
  });

  it("a file that export would overwrite", async () => {
    const target = path.join(workspace.dir, "exists.json");
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, "keep me");
    await expectOneLineError(
      ["export", "progress", target, "--db", workspace.db],
      /exists\.json already exists \(pass --force/,
    );
  });
});

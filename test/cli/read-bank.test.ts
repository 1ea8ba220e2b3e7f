import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listJsonSchema } from "../../src/cli/commands/list.ts";
import { searchJsonSchema } from "../../src/cli/commands/search.ts";
import { showJsonSchema } from "../../src/cli/commands/show.ts";
import { listMarkdown, loadBank } from "../../src/content/read-bank.ts";
import { buildSearchIndex } from "../../src/content/search.ts";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

let workspace: Workspace;
beforeAll(() => {
  workspace = makeWorkspace();
});
afterAll(() => workspace.cleanup());

/** Ids read straight from the files' front matter: an oracle that shares no code with the CLI. */
async function idsInContent(): Promise<string[]> {
  const files = await listMarkdown(path.resolve("content"));
  return files
    .map(
      (file) => /^id:\s*(\S+)\s*$/m.exec(readFileSync(file, "utf8"))?.[1] ?? `(no id in ${file})`,
    )
    .sort();
}

describe("pyprep list, show and search", () => {
  it("list --json lists every question in content/, valid against its schema", async () => {
    const { code, stdout, stderr } = await runCli(["list", "--json"], workspace.env);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const list = listJsonSchema.parse(JSON.parse(stdout));
    expect(list.items.map((item) => item.id).sort()).toEqual(await idsInContent());
    expect(list.total).toBe(list.items.length);
    // No database yet: every question is new, and listing created none.
    expect(new Set(list.items.map((item) => item.status))).toEqual(new Set(["new"]));
    expect(existsSync(path.join(workspace.home, ".pyprep"))).toBe(false);
  });

  it("list filters by level and topic, and prints a table when not asked for JSON", async () => {
    const json = listJsonSchema.parse(
      JSON.parse(
        (
          await runCli(
            ["list", "--json", "--level", "expert", "--topic", "concurrency"],
            workspace.env,
          )
        ).stdout,
      ),
    );
    expect(json.items.length).toBeGreaterThan(0);
    for (const item of json.items) {
      expect(item.level).toBe("expert");
      expect(item.topics).toContain("concurrency");
    }
    const table = await runCli(
      ["list", "--level", "expert", "--topic", "concurrency"],
      workspace.env,
    );
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+LEVEL\s+STATUS\s+TOPIC\s+QUESTION$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(json.items.map((i) => i.id));
    // Piped: no colour, no Unicode symbols of ours.
    expect(table.stdout).not.toContain("\u001b[");
  });

  it("show --json gives the whole question, valid against its schema", async () => {
    const { code, stdout } = await runCli(
      ["show", "list-vs-tuple", "--json", "--content", workspace.bank],
      workspace.env,
    );
    expect(code).toBe(0);
    const question = showJsonSchema.parse(JSON.parse(stdout));
    expect(question.cards.map((card) => card.id)).toEqual([
      "list-vs-tuple",
      "list-vs-tuple/drill-1",
      "list-vs-tuple/exercise-1",
    ]);
    expect(question.drills[0]?.expectedOutput).toBe("([1, 2, 9], 3)");
  });

  it("show renders the question as text; --solutions adds the reference solution", async () => {
    const plain = await runCli(
      ["show", "list-vs-tuple", "--content", workspace.bank],
      workspace.env,
    );
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("What is the difference between a list and a tuple?");
    expect(plain.stdout).toContain("Key points");
    expect(plain.stdout).toContain("point[0] = 5");
    expect(plain.stdout).toContain("'tuple' object does not support item assignment");
    expect(plain.stdout).not.toContain("<!--");
    expect(plain.stdout).not.toContain("return tuple(freeze(item)");
    const full = await runCli(
      ["show", "list-vs-tuple", "--solutions", "--content", workspace.bank],
      workspace.env,
    );
    expect(full.stdout).toContain("return tuple(freeze(item) for item in value)");
  });

  it("show of an unknown id: one line on stderr, non-zero exit, nothing on stdout", async () => {
    const result = await runCli(["show", "no-such-question"], workspace.env);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^pyprep: no question with id 'no-such-question'/);
  });

  it("search --json ranks matches, valid against its schema", async () => {
    const { code, stdout } = await runCli(["search", "generator", "send", "--json"], workspace.env);
    expect(code).toBe(0);
    const result = searchJsonSchema.parse(JSON.parse(stdout));
    expect(result.query).toBe("generator send");
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items.length).toBeLessThanOrEqual(10);
    // The order is the search index's (the API's ranking), cut at --limit.
    const { bank } = await loadBank();
    const expected = buildSearchIndex(bank.questions)
      .search("generator send")
      .slice(0, 10)
      .map((hit) => hit.id);
    expect(result.items.map((item) => item.id)).toEqual(expected);
    expect(result.items[0]?.matched.map((word) => word.toLowerCase())).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(generator|send)/)]),
    );
  });

  it("search with nothing found says so and exits 0", async () => {
    const result = await runCli(["search", "zzyzx", "--content", workspace.bank], workspace.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing found for "zzyzx".');
  });
});

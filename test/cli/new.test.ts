import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

let workspace: Workspace;
beforeAll(() => {
  workspace = makeWorkspace({});
});
afterAll(() => workspace.cleanup());

/** What an author writes in place of each placeholder `pyprep new` leaves. */
const FILLS: Record<string, (text: string) => string> = {
  topics: (t) => t.replace("topics: []", "topics: [data-structures]"),
  question: (t) =>
    t.replace("## Answer", "# Why is a tuple hashable when a list is not?\n\n## Answer"),
  answer: (t) =>
    t.replace("## Answer\n", "## Answer\n\nA tuple cannot change, so its hash cannot either.\n"),
  keyPoints: (t) =>
    t
      .replace("- <!-- terms: -->", "- Hashes must not change. <!-- terms: hash, stable -->")
      .replace("- <!-- terms: -->", "- Lists can change in place. <!-- terms: mutable -->")
      .replace("- <!-- terms: -->", "- Tuples of hashables hash. <!-- terms: hashable -->"),
  exampleCode: (t) =>
    t.replace("# a program whose output shows the point", "print(hash((1, 2)) == hash((1, 2)))"),
  exampleOutput: (t) => t.replace("what the program above prints, exactly", "True"),
  followUps: (t) =>
    t.replace("## Follow-ups\n", "## Follow-ups\n\n- What about a tuple holding a list?\n"),
  mistakes: (t) =>
    t.replace(
      "## Common mistakes\n",
      "## Common mistakes\n\n- Saying tuples are always hashable.\n",
    ),
};

async function check(file: string) {
  return runCli(
    ["check", file, "--root", workspace.bank, "--backend", "cpython", "--no-progress"],
    workspace.env,
  );
}

describe("pyprep new", () => {
  let file: string;
  let scaffold: string;

  beforeAll(async () => {
    const made = await runCli(
      ["new", "--level", "fresher", "--covers", "F04", "--content", workspace.bank],
      workspace.env,
    );
    expect(made.code, made.stderr).toBe(0);
    file = path.join(workspace.bank, "fresher", "list-vs-tuple.md");
    expect(made.stdout).toContain("list-vs-tuple.md");
    scaffold = readFileSync(file, "utf8");
  });

  it("writes a file that pyprep check rejects as it is", async () => {
    const result = await check(file);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain("missing the question");
    expect(result.stdout).toContain("the Answer section is empty");
    expect(result.stdout).toContain("key point has no terms");
  });

  it("is accepted by pyprep check once every placeholder is filled", async () => {
    const filled = Object.values(FILLS).reduce((text, fill) => fill(text), scaffold);
    const target = path.join(workspace.bank, "fresher", "filled.md");
    writeFileSync(target, filled.replace("id: list-vs-tuple", "id: filled"));
    const result = await check(target);
    expect(result.stdout).toContain("check passed");
    expect(result.code).toBe(0);
  }, 120_000);

  it.each(Object.keys(FILLS))("still fails with only the %s placeholder left", async (left) => {
    const filled = Object.entries(FILLS)
      .filter(([name]) => name !== left)
      .reduce((text, [, fill]) => fill(text), scaffold);
    const id = `left-${left.toLowerCase()}`;
    const target = path.join(workspace.bank, "fresher", `${id}.md`);
    writeFileSync(target, filled.replace("id: list-vs-tuple", `id: ${id}`));
    const result = await check(target);
    expect(result.code, result.stdout).not.toBe(0);
    expect(result.stdout).toContain("check failed");
  }, 120_000);

  it("refuses to overwrite a question file, and takes the id from --title", async () => {
    const again = await runCli(
      ["new", "--level", "fresher", "--covers", "F04", "--content", workspace.bank],
      workspace.env,
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(again.stderr).toMatch(/list-vs-tuple\.md already exists/);
    expect(readFileSync(file, "utf8")).toBe(scaffold);

    const titled = await runCli(
      [
        "new",
        "--level",
        "intermediate",
        "--covers",
        "extra",
        "--title",
        "How does `functools.cache` key its calls?",
        "--topic",
        "functions",
        "--content",
        workspace.bank,
      ],
      workspace.env,
    );
    expect(titled.code, titled.stderr).toBe(0);
    const text = readFileSync(
      path.join(workspace.bank, "intermediate", "how-does-functools-cache-key-its-calls.md"),
      "utf8",
    );
    expect(text).toContain("# How does `functools.cache` key its calls?");
    expect(text).toContain("topics: [functions]");
    expect(text).toContain("covers: extra");
  });
});

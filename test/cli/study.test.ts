import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.ts";
import { goodQuestion } from "../fixtures/catalog.ts";
import { type PtyRun, spawnCli } from "./support/pty.ts";
import { fakeEditor, makeWorkspace, type Workspace } from "./support/workspace.ts";

const WRONG = "def freeze(value):\n    return value\n";
const RIGHT =
  "def freeze(value):\n    if isinstance(value, list):\n        return tuple(freeze(v) for v in value)\n    return value\n";

let workspace: Workspace | undefined;
let cli: PtyRun | undefined;
afterEach(() => {
  cli?.kill();
  workspace?.cleanup();
  cli = undefined;
  workspace = undefined;
});

async function reviewsIn(db: string) {
  const store = await openStore({ sqlitePath: db });
  try {
    return {
      reviews: await store.listReviews("local"),
      states: await store.listCardStates("local"),
    };
  } finally {
    await store.close();
  }
}

describe("pyprep study in a terminal", () => {
  it("takes a concept card, a drill and an exercise through to saved reviews", async () => {
    workspace = makeWorkspace();
    const editor = fakeEditor(workspace.dir, [WRONG, RIGHT]);
    cli = spawnCli(
      ["study", "--content", workspace.bank, "--db", workspace.db, "--editor", editor],
      workspace.env,
    );

    // Concept: type an answer, see which key points it touched, rate Good with "3".
    await cli.waitFor("Today: 0 due, 3 new");
    await cli.waitFor("What is the difference between a list and a tuple?");
    await cli.waitFor("Your answer");
    cli.write("Tuples are immutable and hashable");
    await cli.waitFor("hashable");
    cli.write("\r\r");
    await cli.waitFor("Key points (your answer touched 2 of 3)");
    await cli.waitFor("✓ Lists are mutable");
    await cli.waitFor("✓ Tuples of hashable items");
    await cli.waitFor("○ Pick a list");
    await cli.waitFor("How well did you know it?");
    cli.write("3");
    await cli.waitFor("Saved: Good");

    // Drill: a wrong prediction is graded by running it, with the line diff.
    await cli.waitFor("a.append(9)");
    await cli.waitFor("What does it print?");
    cli.write("([1, 2], 3)");
    await cli.waitFor("([1, 2], 3)");
    cli.write("\t");
    await new Promise((resolve) => setTimeout(resolve, 200));
    cli.write("\r");
    await cli.waitFor("✗ Not quite");
    await cli.waitFor("- ([1, 2, 9], 3)");
    await cli.waitFor("+ ([1, 2], 3)");
    await cli.waitFor("The real output");
    // Enter takes the suggested rating: Again for a miss.
    await cli.waitFor("(Enter: Again)");
    cli.write("\r");
    await cli.waitFor("Saved: Again");

    // Exercise: the editor gets the starter; a wrong solution fails, a retry passes.
    await cli.waitFor("freeze a nested list");
    await cli.waitFor("Write your solution in");
    cli.write("e");
    await cli.waitFor("✗ 0/2 tests passed");
    await cli.waitFor("✗ test_flat");
    await cli.waitFor("assert");
    await cli.waitFor("edit again");
    cli.write("e");
    await cli.waitFor("✓ 2/2 tests passed");
    await cli.waitFor("✓ test_nested");
    await cli.waitFor("How well did you know it?");
    cli.write("2");
    await cli.waitFor("Session done: 3 answers saved (1 Good, 1 Again, 1 Hard)");
    expect((await cli.exited).exitCode).toBe(0);

    const seen = readFileSync(path.join(workspace.dir, "editor", "seen-1.py"), "utf8");
    expect(seen).toContain("# Exercise: freeze a nested list");
    expect(seen).toContain("def freeze(value):\n    raise NotImplementedError");
    expect(readFileSync(path.join(workspace.dir, "editor", "seen-2.py"), "utf8")).toBe(WRONG);

    const { reviews, states } = await reviewsIn(workspace.db);
    expect(reviews.map((r) => [r.cardId, r.rating, r.grade])).toEqual([
      ["list-vs-tuple", "good", { kind: "concept", keyPoints: [true, true, false] }],
      ["list-vs-tuple/drill-1", "again", { kind: "output", correct: false }],
      [
        "list-vs-tuple/exercise-1",
        "hard",
        { kind: "exercise", correct: true, passed: 2, total: 2 },
      ],
    ]);
    expect(new Set(reviews.map((r) => r.idempotencyKey)).size).toBe(3);
    expect(states.map((s) => s.cardId).sort()).toEqual(reviews.map((r) => r.cardId).sort());
  }, 240_000);

  it("says there is nothing to study when nothing is due and --new is 0", async () => {
    workspace = makeWorkspace();
    cli = spawnCli(
      ["study", "--content", workspace.bank, "--db", workspace.db, "--new", "0"],
      workspace.env,
    );
    await cli.waitFor("Nothing to study right now.");
    expect((await cli.exited).exitCode).toBe(0);
  }, 120_000);

  /** The bank says "bank-output"; only running the code on the chosen backend prints the platform. */
  const platformQuestion = goodQuestion
    .replace(/## Drill: predict the output[\s\S]*?(?=## Exercise)/, "")
    .replace(/## Exercise:[\s\S]*?(?=## Follow-ups)/, "")
    .replace(
      "## Follow-ups",
      "## Drill: where does it run\n\n```python\nimport sys\nprint(sys.platform)\n```\n\n```output\nbank-output\n```\n\n## Follow-ups",
    );

  const noPython = { PYPREP_PYTHON: "/nonexistent/python3" };
  it.each([
    ["cpython", "linux", {}],
    ["pyodide", "emscripten", {}],
    // No python3 to be found: auto falls back to Pyodide and says so.
    ["auto", "emscripten", noPython],
  ])(
    "grades a drill by what Python prints on --backend %s",
    async (backend, platform, env) => {
      workspace = makeWorkspace({ "fresher/list-vs-tuple.md": platformQuestion });
      cli = spawnCli(
        ["study", "--content", workspace.bank, "--db", workspace.db, "--backend", backend],
        { ...workspace.env, ...env },
      );
      if (env === noPython) await cli.waitFor("No python3 found: your code runs on Pyodide");
      await cli.waitFor("Your answer");
      cli.write("\r\r");
      await cli.waitFor("How well did you know it?");
      cli.write("1");
      await cli.waitFor("What does it print?");
      cli.write(platform);
      await cli.waitFor(platform);
      cli.write("\t");
      await new Promise((resolve) => setTimeout(resolve, 200));
      cli.write("\r");
      await cli.waitFor("✓ Correct", 120_000);
      await cli.waitFor("How well did you know it?");
      cli.write("4");
      await cli.waitFor("Session done: 2 answers saved");
      expect((await cli.exited).exitCode).toBe(0);
      const { reviews } = await reviewsIn(workspace.db);
      expect(reviews[1]?.grade).toEqual({ kind: "output", correct: true });
    },
    240_000,
  );

  it("--backend cpython without a python3 is one line and a non-zero exit", async () => {
    workspace = makeWorkspace();
    cli = spawnCli(
      ["study", "--content", workspace.bank, "--db", workspace.db, "--backend", "cpython"],
      { ...workspace.env, ...noPython },
    );
    await cli.waitFor("pyprep: no python3 found (/nonexistent/python3)");
    expect((await cli.exited).exitCode).toBe(1);
    expect(cli.screen()).not.toMatch(/\n\s+at /);
  }, 120_000);
});

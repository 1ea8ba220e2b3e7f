import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.ts";
import { cardStateProblems } from "../../src/study/scheduler.ts";
import { type PtyRun, spawnCli } from "./support/pty.ts";
import { fakeEditor, makeWorkspace, type Workspace } from "./support/workspace.ts";

let workspace: Workspace | undefined;
let cli: PtyRun | undefined;
afterEach(() => {
  cli?.kill();
  workspace?.cleanup();
  cli = undefined;
  workspace = undefined;
});

/** The reviews saved, checked to be whole: each card has a valid state that its last review produced. */
async function savedReviews(db: string) {
  const store = await openStore({ sqlitePath: db });
  try {
    const reviews = await store.listReviews("local");
    const states = await store.listCardStates("local");
    for (const state of states) {
      expect(cardStateProblems(state)).toEqual([]);
      const last = reviews.filter((r) => r.cardId === state.cardId).at(-1);
      expect(last?.stateAfter).toEqual(state);
    }
    expect(states.length).toBe(new Set(reviews.map((r) => r.cardId)).size);
    return reviews;
  } finally {
    await store.close();
  }
}

async function answerConcept(run: PtyRun): Promise<void> {
  await run.waitFor("Your answer");
  run.write("\r\r");
  await run.waitFor("How well did you know it?");
  run.write("3");
  await run.waitFor("Saved: Good");
}

describe("Ctrl-C in pyprep study", () => {
  it("at a prompt: stops, keeps the answers given, exit status 130", async () => {
    workspace = makeWorkspace();
    cli = spawnCli(["study", "--content", workspace.bank, "--db", workspace.db], workspace.env);
    await answerConcept(cli);
    await cli.waitFor("What does it print?");
    cli.write("([1, 2");
    await cli.waitFor("([1, 2");
    cli.write("\x03");
    await cli.waitFor("Stopped: 1 answer saved (1 Good).");
    expect((await cli.exited).exitCode).toBe(130);
    const reviews = await savedReviews(workspace.db);
    expect(reviews.map((r) => [r.cardId, r.rating])).toEqual([["list-vs-tuple", "good"]]);
  }, 180_000);

  it("while the editor is open: the signal stops the session cleanly, answers kept", async () => {
    workspace = makeWorkspace();
    const editor = fakeEditor(workspace.dir, ["def freeze(value):\n    return value\n"]);
    writeFileSync(path.join(workspace.dir, "editor", "sleep-1"), "");
    cli = spawnCli(
      ["study", "--content", workspace.bank, "--db", workspace.db, "--editor", editor],
      workspace.env,
    );
    await answerConcept(cli);
    await cli.waitFor("What does it print?");
    cli.write("([1, 2, 9], 3)");
    await cli.waitFor("9], 3)");
    cli.write("\t");
    await new Promise((resolve) => setTimeout(resolve, 200));
    cli.write("\r");
    await cli.waitFor("✓ Correct");
    await cli.waitFor("How well did you know it?");
    cli.write("4");
    await cli.waitFor("Saved: Easy");
    await cli.waitFor("Write your solution in");
    cli.write("e");
    const seen = path.join(workspace.dir, "editor", "seen-1.py");
    for (let i = 0; i < 300 && !existsSync(seen); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(seen)).toBe(true);
    // Not in raw mode while the editor runs: the terminal sends SIGINT to the foreground group.
    cli.write("\x03");
    await cli.waitFor("Stopped: 2 answers saved (1 Good, 1 Easy).");
    expect((await cli.exited).exitCode).toBe(130);
    const reviews = await savedReviews(workspace.db);
    expect(reviews.map((r) => r.cardId)).toEqual(["list-vs-tuple", "list-vs-tuple/drill-1"]);
  }, 180_000);
});

import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { planFromBank, setupFromFlags } from "../../src/cli/commands/mock.ts";
import { loadBank } from "../../src/content/read-bank.ts";
import { openStore } from "../../src/store/store.ts";
import type { PlanItem } from "../../src/study/mock/types.ts";
import { goodQuestion } from "../fixtures/catalog.ts";
import { answerItem as answer } from "./support/mock-answers.ts";
import { type PtyRun, spawnNode } from "./support/pty.ts";
import { fakeEditor, makeWorkspace, type Workspace } from "./support/workspace.ts";

const ENTRY = fileURLToPath(new URL("./support/mock-entry.ts", import.meta.url));
const RIGHT =
  "def freeze(value):\n    if isinstance(value, list):\n        return tuple(freeze(v) for v in value)\n    return value\n";

let workspace: Workspace | undefined;
let runs: PtyRun[] = [];
afterEach(() => {
  for (const run of runs) run.kill();
  runs = [];
  workspace?.cleanup();
  workspace = undefined;
});

/** Copies of the good fixture: each has a concept card, a drill and an exercise. */
function questions(ids: string[]): Workspace {
  return makeWorkspace(
    Object.fromEntries(
      ids.map((id) => [`fresher/${id}.md`, goodQuestion.replace("id: list-vs-tuple", `id: ${id}`)]),
    ),
  );
}
const twoQuestions = () => questions(["list-vs-tuple", "tuple-twin"]);

function mock(ws: Workspace, flags: Record<string, unknown>, speed = 1): PtyRun {
  const run = spawnNode(
    [
      "--import",
      "tsx",
      ENTRY,
      JSON.stringify({ content: ws.bank, db: ws.db, ...flags }),
      String(speed),
    ],
    ws.env,
  );
  runs.push(run);
  return run;
}

async function planOf(ws: Workspace, flags: { questions: number; seed: number }) {
  const { bank } = await loadBank(ws.bank);
  return planFromBank(bank, setupFromFlags(bank, { ...flags, exercises: true })).items;
}

async function mocksIn(db: string) {
  const store = await openStore({ sqlitePath: db });
  try {
    return {
      mocks: await store.mocks.list("local"),
      states: await store.listCardStates("local"),
    };
  } finally {
    await store.close();
  }
}

describe("the timed mock in a terminal", () => {
  it("asks each question under a countdown, then prints and stores the report", async () => {
    workspace = questions(["list-vs-tuple", "tuple-twin", "tuple-third"]);
    const items = await planOf(workspace, { questions: 3, seed: 11 });
    expect(new Set(items.map((item) => item.kind))).toEqual(
      new Set(["concept", "drill", "exercise"]),
    );
    const run = mock(workspace, {
      questions: 3,
      seed: 11,
      exercises: true,
      editor: fakeEditor(workspace.dir, [RIGHT, RIGHT]),
    });
    await run.waitFor("Mock interview: 3 questions");
    for (const item of items) await answer(run, item);
    await run.waitFor("Mock interview report: 100%");
    await run.waitFor("3 of 3 answered");
    await run.waitFor("ended because you finished it");
    await run.waitFor("By topic");
    await run.waitFor("No weak area in this interview.");
    expect((await run.exited).exitCode).toBe(0);

    const { mocks } = await mocksIn(workspace.db);
    expect(mocks).toHaveLength(1);
    const stored = mocks[0]?.mock;
    expect(stored?.status).toBe("finished");
    expect(stored?.answers.map((a) => a.questionId)).toEqual(items.map((i) => i.questionId));
    expect(stored?.report).toMatchObject({ score: 1, answered: 3, total: 3, endedBy: "candidate" });
    expect(stored?.report?.reviewCardIds).toEqual([]);
  }, 240_000);

  it("closes the interview when the time runs out, and queues the missed cards", async () => {
    workspace = twoQuestions();
    const items = await planOf(workspace, { questions: 2, seed: 5 });
    // Thirty times real time: the two questions' minutes pass in seconds.
    const run = mock(workspace, { questions: 2, seed: 5, exercises: true }, 30);
    await run.waitFor("Mock interview: 2 questions");
    await run.waitFor("Time is up.", 120_000);
    await run.waitFor("Mock interview report: 0%");
    await run.waitFor("0 of 2 answered");
    await run.waitFor("ended because the time ran out");
    await run.waitFor("Review next: 2 cards are due now");
    expect((await run.exited).exitCode).toBe(0);
    // The open prompt redrew its countdown as the clock ran: many times were shown.
    const times = new Set(run.screen().match(/\d+:\d\d left/g));
    expect(times.size).toBeGreaterThan(3);

    const { mocks, states } = await mocksIn(workspace.db);
    expect(mocks[0]?.mock?.report).toMatchObject({ endedBy: "time", answered: 0 });
    const queued = new Set(states.map((state) => state.cardId));
    for (const item of items) expect(queued.has(item.cardId)).toBe(true);
  }, 240_000);

  it("Ctrl-C pauses it with the answers kept; the next run resumes it", async () => {
    workspace = twoQuestions();
    const items = await planOf(workspace, { questions: 2, seed: 3 });
    const editor = fakeEditor(workspace.dir, [RIGHT, RIGHT]);
    const first = mock(workspace, { questions: 2, seed: 3, exercises: true, editor });
    await first.waitFor("Mock interview: 2 questions");
    await answer(first, items[0] as PlanItem);
    await first.waitFor(/left {2}/);
    first.write("\x03");
    await first.waitFor("Paused with");
    await first.waitFor("1 answer saved");
    expect((await first.exited).exitCode).toBe(130);
    const paused = (await mocksIn(workspace.db)).mocks[0]?.mock;
    expect(paused?.status).toBe("active");
    expect(paused?.pausedAt).not.toBeNull();
    expect(paused?.answers).toHaveLength(1);

    const second = mock(workspace, { questions: 2, seed: 3, exercises: true, editor });
    await second.waitFor("An unfinished mock interview: 1 of 2 answered");
    second.write("r");
    await answer(second, items[1] as PlanItem);
    await second.waitFor("2 of 2 answered");
    expect((await second.exited).exitCode).toBe(0);
    const { mocks } = await mocksIn(workspace.db);
    expect(mocks).toHaveLength(1);
    expect(mocks[0]?.mock?.report).toMatchObject({ answered: 2, total: 2 });
  }, 240_000);
});

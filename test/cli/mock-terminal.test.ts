import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Mock, MockList } from "../../src/api/mocks.ts";
import { planFromBank, setupFromFlags } from "../../src/cli/commands/mock.ts";
import { loadBank } from "../../src/content/read-bank.ts";
import { goodQuestion } from "../fixtures/catalog.ts";
import { type ServerProcess, spawnServer } from "../server/spawn-server.ts";
import { answerItem } from "./support/mock-answers.ts";
import { type PtyRun, spawnCli } from "./support/pty.ts";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

/**
 * `pyprep mock` itself (bin/pyprep.js, not a test entry) in a pseudo-terminal, on a real
 * SQLite file that a real `pyprep serve` has open too: the interview the terminal ran is
 * the one the web app's history lists and its report page shows.
 */
let workspace: Workspace;
let server: ServerProcess | undefined;

beforeAll(async () => {
  workspace = makeWorkspace(
    Object.fromEntries(
      ["list-vs-tuple", "tuple-twin"].map((id) => [
        `fresher/${id}.md`,
        goodQuestion.replace("id: list-vs-tuple", `id: ${id}`),
      ]),
    ),
  );
  server = await spawnServer({
    HOME: workspace.home,
    PYPREP_CONTENT_DIR: workspace.bank,
    PYPREP_DB: workspace.db,
    DATABASE_URL: "",
    PYPREP_MODE: "local",
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  workspace.cleanup();
});

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${server?.url}${route}`);
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe("pyprep mock in a terminal", () => {
  it("runs a timed interview with a countdown, prints the report, and the web app lists it", async () => {
    const flags = { questions: 2, seed: 5 };
    const { bank } = await loadBank(workspace.bank);
    const items = planFromBank(bank, setupFromFlags(bank, flags)).items;
    expect(items.map((item) => item.kind).sort()).toEqual(["concept", "drill"]);

    let cli: PtyRun | undefined;
    try {
      cli = spawnCli(
        [
          "mock",
          "--questions",
          "2",
          "--seed",
          "5",
          "--db",
          workspace.db,
          "--content",
          workspace.bank,
        ],
        workspace.env,
      );
      await cli.waitFor("Mock interview: 2 questions, 6:00 left.");
      // The first prompt stays open for a few seconds: its clock must tick down meanwhile.
      await cli.waitFor(/left {2}/);
      await new Promise((resolve) => setTimeout(resolve, 3500));
      const shown = [...cli.screen().matchAll(/(\d+):(\d\d) left/g)].map(
        (m) => Number(m[1]) * 60 + Number(m[2]),
      );
      expect(new Set(shown).size).toBeGreaterThanOrEqual(3);
      expect(Math.min(...shown)).toBeLessThan(360);
      expect(Math.min(...shown)).toBeGreaterThan(300);
      for (const item of items) await answerItem(cli, item);
      await cli.waitFor("Mock interview report: 100%");
      await cli.waitFor("2 of 2 answered");
      await cli.waitFor("ended because you finished it");
      expect((await cli.exited).exitCode).toBe(0);
    } finally {
      cli?.kill();
    }

    // What the web app's Mock screen lists, and the report page it links to.
    const { items: history } = await api<MockList>("/api/mocks");
    expect(history).toHaveLength(1);
    const [entry] = history;
    expect(entry).toMatchObject({
      status: "finished",
      score: 1,
      answered: 2,
      total: 2,
      endedBy: "candidate",
      hasReport: true,
    });
    const mock = await api<Mock>(`/api/mocks/${entry?.id}`);
    expect(mock.items.map((item) => item.questionId)).toEqual(items.map((i) => i.questionId));
    expect(mock.report).toMatchObject({ score: 1, answered: 2, total: 2 });
    const stats = await api<{ mockScores: { score: number }[] }>("/api/stats");
    expect(stats.mockScores.map((point) => point.score)).toEqual([1]);
  }, 240_000);

  it("tells a script to add --plan, in one line", async () => {
    const piped = await runCli(["mock", "--db", workspace.db], workspace.env);
    expect(piped.code).not.toBe(0);
    expect(piped.stderr.trimEnd().split("\n")).toEqual([
      "pyprep: mock needs a terminal: stdin and stdout must both be a TTY (add --plan --json for the plan in a script)",
    ]);
    const json = await runCli(["mock", "--json"], workspace.env);
    expect(json.code).not.toBe(0);
    expect(json.stderr).toBe("pyprep: --json prints the plan: add --plan\n");
  });
});

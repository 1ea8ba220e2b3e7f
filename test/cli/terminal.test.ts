import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.ts";
import { spawnCli } from "./support/pty.ts";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

let workspace: Workspace;
beforeAll(async () => {
  workspace = makeWorkspace();
  // One review yesterday, two today: the sparkline ends in a half bar and a full one.
  const store = await openStore({ sqlitePath: workspace.db });
  await store.ensureUser("local");
  const now = Date.now();
  for (const [cardId, at] of [
    ["list-vs-tuple", now - 86_400_000],
    ["list-vs-tuple/drill-1", now - 1000],
    ["list-vs-tuple/exercise-1", now],
  ] as const) {
    await store.recordReview("local", {
      cardId,
      rating: "good",
      reviewedAt: new Date(at),
      durationMs: 1000,
      idempotencyKey: randomUUID(),
    });
  }
  await store.close();
});
afterAll(() => workspace.cleanup());

const ESCAPE = "\u001b[";
/** A colour or style escape (SGR), built from a string so the pattern holds no raw control character. */
const SGR = "\u001b\\[[0-9;]*m";

async function inTerminal(args: string[], env: Record<string, string | undefined>) {
  const cli = spawnCli(args, env);
  try {
    const { exitCode } = await cli.exited;
    return { exitCode, raw: cli.raw(), screen: cli.screen() };
  } finally {
    cli.kill();
  }
}

describe("colour and Unicode follow the terminal", () => {
  const show = () => ["show", "list-vs-tuple", "--content", workspace.bank];
  const stats = () => ["stats", "--content", workspace.bank, "--db", workspace.db];

  it("colours Markdown and highlights code on a terminal", async () => {
    const run = await inTerminal(show(), workspace.env);
    expect(run.exitCode).toBe(0);
    expect(run.raw).toContain(ESCAPE);
    // The keyword `except` of the example is highlighted on its own.
    expect(run.raw).toMatch(new RegExp(`${SGR}(except|try)${SGR}`));
  }, 120_000);

  it("prints plain text on a terminal when NO_COLOR is set", async () => {
    const run = await inTerminal(show(), { ...workspace.env, NO_COLOR: "1" });
    expect(run.exitCode).toBe(0);
    expect(run.screen).toContain("point[0] = 5");
    expect(run.raw).not.toMatch(new RegExp(SGR));
  }, 120_000);

  it("prints plain text when piped", async () => {
    const result = await runCli(show(), workspace.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("point[0] = 5");
    expect(result.stdout).not.toContain(ESCAPE);
  });

  it("draws the sparkline in Unicode on a terminal and in ASCII when piped", async () => {
    const tty = await inTerminal(stats(), workspace.env);
    expect(tty.exitCode).toBe(0);
    expect(tty.screen).toMatch(/Reviews {9}▁{28}▅█ {2}3 in 30 days, 3 in all/);
    const piped = await runCli(stats(), workspace.env);
    expect(piped.stdout).toMatch(/Reviews {9} {28}=# {2}3 in 30 days, 3 in all/);
    expect(piped.stdout).not.toMatch(/[▁-█]/);
  }, 120_000);
});

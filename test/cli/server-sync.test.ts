import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statsJsonSchema } from "../../src/cli/commands/stats.ts";
import { type ServerProcess, spawnServer } from "../server/spawn-server.ts";
import { type PtyRun, spawnCli } from "./support/pty.ts";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

/**
 * The CLI and a real `pyprep serve` on the same machine, both left to their defaults
 * for the database ($HOME/.pyprep/pyprep.sqlite, HOME a temp folder): progress made in
 * one shows in the other.
 */
let workspace: Workspace;
let server: ServerProcess | undefined;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  workspace = makeWorkspace();
  env = { ...workspace.env, PYPREP_CONTENT_DIR: workspace.bank };
  server = await spawnServer({
    HOME: workspace.home,
    PYPREP_CONTENT_DIR: workspace.bank,
    DATABASE_URL: "",
    PYPREP_DB: "",
    PYPREP_MODE: "local",
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  workspace.cleanup();
});

async function api<T>(route: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${server?.url}${route}`, init);
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe("the CLI and the local server share progress", () => {
  it("a review made in pyprep study shows in the server's API", async () => {
    let cli: PtyRun | undefined;
    try {
      cli = spawnCli(["study", "--new", "1"], env);
      await cli.waitFor("Today: 0 due, 1 new");
      await cli.waitFor("Your answer");
      cli.write("\r\r");
      await cli.waitFor("How well did you know it?");
      cli.write("3");
      await cli.waitFor("Session done: 1 answer saved (1 Good)");
      expect((await cli.exited).exitCode).toBe(0);
    } finally {
      cli?.kill();
    }
    expect(existsSync(path.join(workspace.home, ".pyprep", "pyprep.sqlite"))).toBe(true);

    const { card } = await api<{ card: { state: { reps: number } | null } }>(
      "/api/cards/list-vs-tuple",
    );
    expect(card.state?.reps).toBe(1);
    const stats = await api<{ totals: { reviews: number } }>("/api/stats");
    expect(stats.totals.reviews).toBe(1);
  }, 180_000);

  it("a review posted to the server's API shows in pyprep stats and export", async () => {
    const stats = async () =>
      statsJsonSchema.parse(JSON.parse((await runCli(["stats", "--json"], env)).stdout));
    const before = await stats();
    const key = randomUUID();
    await api("/api/reviews", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        cardId: "list-vs-tuple/drill-1",
        rating: 4,
        idempotencyKey: key,
        durationMs: 4000,
        grade: { kind: "output", correct: true },
      }),
    });

    const after = await stats();
    expect(after.totals.reviews).toBe(before.totals.reviews + 1);
    expect(after.totals.studied).toBe(before.totals.studied + 1);
    expect(after.streak).toBe(1);

    const exported = JSON.parse((await runCli(["export", "progress", "-"], env)).stdout) as {
      reviews: { idempotencyKey: string; cardId: string; rating: string }[];
    };
    expect(exported.reviews.find((r) => r.idempotencyKey === key)).toMatchObject({
      cardId: "list-vs-tuple/drill-1",
      rating: "easy",
    });
  }, 180_000);
});

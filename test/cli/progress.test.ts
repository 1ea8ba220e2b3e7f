import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.ts";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

let workspace: Workspace;
beforeAll(async () => {
  workspace = makeWorkspace();
  const store = await openStore({ sqlitePath: workspace.db });
  await store.ensureUser("local");
  const at = Date.now() - 3 * 86_400_000;
  for (const [i, cardId] of ["list-vs-tuple", "list-vs-tuple/drill-1", "list-vs-tuple"].entries()) {
    await store.recordReview("local", {
      cardId,
      rating: i === 1 ? "again" : "good",
      reviewedAt: new Date(at + i * 86_400_000),
      durationMs: 5000 + i,
      idempotencyKey: randomUUID(),
      grade: { kind: "concept" },
    });
  }
  await store.close();
});
afterAll(() => workspace.cleanup());

describe("pyprep export progress / import progress", () => {
  it("round-trips through a file into another database, and a second import changes nothing", async () => {
    const file = path.join(workspace.dir, "progress.json");
    const exported = await runCli(
      ["export", "progress", file, "--db", workspace.db],
      workspace.env,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain("3 reviews, 2 card states");

    const other = path.join(workspace.dir, "other.sqlite");
    const first = await runCli(["import", "progress", file, "--db", other], workspace.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Imported 3 reviews (0 already there), 2 card states");
    const again = await runCli(["import", "progress", file, "--db", other], workspace.env);
    expect(again.stdout).toContain("Imported 0 reviews (3 already there), 0 card states");

    const back = await runCli(["export", "progress", "-", "--db", other], workspace.env);
    const original = JSON.parse(readFileSync(file, "utf8"));
    const copy = JSON.parse(back.stdout);
    expect({ ...copy, exportedAt: null }).toEqual({ ...original, exportedAt: null });
  });

  it("exports to stdout and imports from stdin", async () => {
    const exported = await runCli(["export", "progress", "-", "--db", workspace.db], workspace.env);
    expect(exported.code, exported.stderr).toBe(0);
    const third = path.join(workspace.dir, "third.sqlite");
    const result = await runCli(
      ["import", "progress", "-", "--db", third],
      workspace.env,
      exported.stdout,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Imported 3 reviews");
  });
});

import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USER_ID } from "../../src/cli/database.ts";
import { openStore } from "../../src/store/store.ts";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

const DAY = 86_400_000;

let workspace: Workspace;
beforeAll(async () => {
  workspace = makeWorkspace();
  const store = await openStore({ sqlitePath: workspace.db });
  await store.ensureUser(USER_ID);
  const start = Date.now() - 5 * DAY;
  const date = new Date(start + 20 * DAY).toISOString().slice(0, 10);
  await store.interviews.create(USER_ID, "next", { date, minutesPerDay: 30 }, new Date(start));
  await store.interviews.create(
    USER_ID,
    "past",
    { date: new Date(start).toISOString().slice(0, 10), minutesPerDay: 20 },
    new Date(start),
  );
  await store.interviews.close(USER_ID, "past", { outcome: "offer" }, new Date(start + DAY));
  await store.close();
});
afterAll(() => workspace.cleanup());

describe("pyprep export progress / import progress: interviews", () => {
  it("carries interviews to another database and says how many", async () => {
    const file = path.join(workspace.dir, "progress.json");
    const exported = await runCli(
      ["export", "progress", file, "--db", workspace.db],
      workspace.env,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain("0 mock results, 2 interviews.");

    const other = path.join(workspace.dir, "other.sqlite");
    const first = await runCli(["import", "progress", file, "--db", other], workspace.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("0 mock results, 2 interviews (0 kept: yours were as recent).");
    const again = await runCli(["import", "progress", file, "--db", other], workspace.env);
    expect(again.stdout).toContain("0 mock results, 0 interviews (2 kept: yours were as recent).");

    const store = await openStore({ sqlitePath: other });
    try {
      const original = await openStore({ sqlitePath: workspace.db });
      try {
        expect(await store.interviews.list(USER_ID)).toEqual(
          await original.interviews.list(USER_ID),
        );
      } finally {
        await original.close();
      }
    } finally {
      await store.close();
    }
  });

  it("imports an older file without interviews, and names a bad interview field", async () => {
    const exported = await runCli(["export", "progress", "-", "--db", workspace.db], workspace.env);
    const { interviews, ...older } = JSON.parse(exported.stdout);
    const third = path.join(workspace.dir, "third.sqlite");
    const result = await runCli(
      ["import", "progress", "-", "--db", third],
      workspace.env,
      JSON.stringify(older),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("0 interviews (0 kept");

    const bad = path.join(workspace.dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ ...older, interviews: [{ ...interviews[0], outcome: "hired" }] }),
    );
    const refused = await runCli(["import", "progress", bad, "--db", third], workspace.env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("interviews.0.outcome");
  });
});

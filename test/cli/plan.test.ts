import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerPlan } from "../../src/cli/commands/plan.ts";
import { openStore } from "../../src/store/store.ts";
import { makeWorkspace, type Workspace } from "./support/workspace.ts";

/**
 * `pyprep plan` run in-process (main.ts registers it; this builds the same command) over a
 * one-question bank and a real SQLite file, its stdout captured.
 */
let workspace: Workspace;
beforeAll(() => {
  workspace = makeWorkspace();
});
afterAll(() => workspace.cleanup());

const dayAfter = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function run(args: string[]): Promise<{ out: string; error: unknown }> {
  const program = new Command().exitOverride();
  registerPlan(program);
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  let error: unknown;
  try {
    await program.parseAsync([
      "node",
      "pyprep",
      "plan",
      ...args,
      "--db",
      workspace.db,
      "--content",
      workspace.bank,
    ]);
  } catch (caught) {
    error = caught;
  } finally {
    spy.mockRestore();
  }
  return { out, error };
}

describe("pyprep plan", () => {
  it("prints a plan to a date as JSON: days, new card ids, mocks and readiness", async () => {
    const { out, error } = await run([
      "--until",
      dayAfter(14),
      "--level",
      "fresher",
      "--minutes-per-day",
      "30",
      "--json",
    ]);
    expect(error).toBeUndefined();
    const json = JSON.parse(out);
    expect(json.interview).toMatchObject({ id: null, levels: ["fresher"], minutesPerDay: 30 });
    expect(json.plan.days.length).toBeGreaterThanOrEqual(13);
    expect(json.plan.feasible).toBe(true);
    const placed = json.plan.days.flatMap((d: { newCardIds: string[] }) => d.newCardIds);
    expect(placed).toContain("list-vs-tuple");
    expect(json.plan.mocks.map((m: { label: string }) => m.label)).toContain("final");
    expect(json.readiness.byLevel[0].key).toBe("fresher");
  });

  it("shows the interview set in the app with no date, and says how to set one when there is none", async () => {
    const none = await run(["--json"]);
    expect(String(none.error)).toMatch(/no interview is set/);
    const store = await openStore({ sqlitePath: workspace.db });
    await store.ensureUser("local");
    await store.interviews.create(
      "local",
      "i1",
      { date: dayAfter(10), minutesPerDay: 20 },
      new Date(),
    );
    await store.close();
    const { out, error } = await run(["--json"]);
    expect(error).toBeUndefined();
    expect(JSON.parse(out).interview).toMatchObject({
      id: "i1",
      date: dayAfter(10),
      minutesPerDay: 20,
    });
    const text = await run([]);
    expect(text.out).toContain(`Interview ${dayAfter(10)}`);
    expect(text.out).toContain("Readiness");
    expect(String((await run(["--until", "2026-02-30"])).error)).toMatch(/calendar date/);
  });
});

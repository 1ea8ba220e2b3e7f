import { cpSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mockPlanJsonSchema } from "../../src/cli/commands/mock.ts";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

let workspace: Workspace;
let bank: string;
beforeAll(() => {
  workspace = makeWorkspace();
  // A copy of the real bank, so plans are big enough to mean something and the bank
  // cannot change between two runs that must agree.
  bank = path.join(workspace.dir, "content");
  cpSync(fileURLToPath(new URL("../../content/", import.meta.url)), bank, { recursive: true });
});
afterAll(() => workspace.cleanup());

const plan = (...args: string[]) =>
  runCli(["mock", "--plan", "--json", "--content", bank, ...args], workspace.env);

describe("pyprep mock --plan --json", () => {
  it("prints only the plan, and the same arguments print the same plan", async () => {
    const args = ["--seed", "7", "--minutes", "30"];
    const first = await plan(...args);
    expect(first.code, first.stderr).toBe(0);
    const json = mockPlanJsonSchema.parse(JSON.parse(first.stdout));
    expect(json.seed).toBe(7);
    expect(json.timeLimitMinutes).toBe(30);
    expect(json.totalMinutes).toBeLessThanOrEqual(30);
    expect(json.totalMinutes).toBe(json.questions.reduce((sum, q) => sum + q.minutes, 0));
    expect(new Set(json.questions.map((q) => q.id)).size).toBe(json.questions.length);
    const again = await plan(...args);
    expect(again.stdout).toBe(first.stdout);
    const other = await plan("--seed", "8", "--minutes", "30");
    expect(other.stdout).not.toBe(first.stdout);
  }, 180_000);

  it("keeps to the levels and topics asked for, and counts questions when asked", async () => {
    const res = await plan(
      "--seed",
      "3",
      "--minutes",
      "45",
      "--level",
      "expert",
      "--topic",
      "asyncio",
    );
    const json = mockPlanJsonSchema.parse(JSON.parse(res.stdout));
    expect(json.questions.length).toBeGreaterThan(0);
    for (const q of json.questions) {
      expect(q.level).toBe("expert");
      expect(q.topics).toContain("asyncio");
    }
    const counted = mockPlanJsonSchema.parse(
      JSON.parse((await plan("--seed", "3", "--questions", "5", "--exercises")).stdout),
    );
    expect(counted.questions).toHaveLength(5);
    expect(counted.timeLimitMinutes).toBe(counted.totalMinutes);
    expect(counted.questions.some((q) => q.kind === "exercise")).toBe(true);
  }, 180_000);

  it.each([
    [
      "--json without --plan",
      ["mock", "--json", "--seed", "1"],
      /--json prints the plan: add --plan/,
    ],
    ["too short", ["mock", "--plan", "--minutes", "3"], /--minutes must be a whole number from 5/],
    ["both lengths", ["mock", "--plan", "--minutes", "30", "--questions", "3"], /not both/],
    ["a bad seed", ["mock", "--plan", "--seed", "-4"], /--seed/],
    ["an unknown topic", ["mock", "--plan", "--topic", "cooking"], /unknown topic 'cooking'/],
  ])("refuses %s in one line", async (_name, args, pattern) => {
    const res = await runCli(args, workspace.env);
    expect(res.code).not.toBe(0);
    const lines = res.stderr.trimEnd().split("\n");
    expect(lines, res.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^pyprep: /);
    expect(lines[0]).toMatch(pattern);
    expect(res.stdout).toBe("");
  });
});

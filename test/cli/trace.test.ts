import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { traceJsonSchema } from "../../src/cli/commands/trace.ts";
import { makeWorkspace, runCli, type Workspace } from "./support/workspace.ts";

/** `pyprep trace` through bin/pyprep.js (tsx, no Vite): the tracer is read from disk. */
describe("pyprep trace", { timeout: 60_000 }, () => {
  let ws: Workspace;
  const file = (name: string, text: string) => {
    const at = path.join(ws.dir, name);
    writeFileSync(at, text);
    return at;
  };
  beforeAll(() => {
    ws = makeWorkspace();
  });
  afterAll(() => ws.cleanup());

  it("renders each step on python3: the line, the names, the shared list, the output", async () => {
    const alias = file("alias.py", "a = [1]\nb = a\nb.append(2)\nprint(a)\n");
    const { code, stdout, stderr } = await runCli(["trace", alias], ws.env);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("Step 3/5  line 3: b.append(2)");
    const step3 = stdout.slice(stdout.indexOf("Step 3/5"), stdout.indexOf("Step 4/5"));
    expect(step3).toMatch(/a -> list #(\d+) \[1\] {2}\[shared\]/);
    const id = /a -> list #(\d+)/.exec(step3)?.[1];
    expect(step3).toContain(`b -> list #${id} [1]  [shared]`);
    expect(stdout).toContain(`a -> list #${id} [1, 2]  [shared]`);
    expect(stdout).toContain('output so far: "[1, 2]\\n"');
    expect(stdout.trimEnd().endsWith("Done after 5 steps.")).toBe(true);
  });

  it("--json prints a trace the exported schema accepts, with one id for a and b", async () => {
    const alias = file("alias-json.py", "a = [1]\nb = a\nb.append(2)\n");
    const { code, stdout } = await runCli(["trace", alias, "--json"], ws.env);
    expect(code).toBe(0);
    const trace = traceJsonSchema.parse(JSON.parse(stdout));
    expect(trace.end.status).toBe("done");
    const step = trace.steps.find((s) => s.line === 3 && s.event === "line");
    const vars = step?.frames[0]?.vars ?? [];
    const ref = (name: string) => vars.find((v) => v.name === name)?.ref;
    expect(ref("a")).toBeDefined();
    expect(ref("a")).toBe(ref("b"));
    expect(step?.heap[String(ref("a"))]).toMatchObject({ kind: "list" });
    // The schema is not a pass-through: a step without frames is refused.
    expect(traceJsonSchema.safeParse({ ...trace, steps: [{ ...step, frames: [] }] }).success).toBe(
      false,
    );
  });

  it("reads --stdin from a file", async () => {
    const echo = file("echo.py", "name = input()\nprint('hi', name)\n");
    const input = file("input.txt", "Ada\n");
    const { code, stdout } = await runCli(["trace", echo, "--stdin", input, "--json"], ws.env);
    expect(code).toBe(0);
    expect(traceJsonSchema.parse(JSON.parse(stdout)).stdout).toBe("hi Ada\n");
  });

  it("a missing file is one line on stderr, no stack", async () => {
    const missing = path.join(ws.dir, "missing.py");
    const { code, stdout, stderr } = await runCli(["trace", missing], ws.env);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`pyprep: ${missing}: no such file or folder\n`);
  });

  it("a syntax error is a trace that ends with the error, not a crash", async () => {
    const broken = file("broken.py", "x = (\n");
    const { code, stdout, stderr } = await runCli(["trace", broken], ws.env);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("Uncaught exception at line 1: SyntaxError:");
    expect(stdout).not.toContain("Step 1/");
  });

  it("while True stops at the step limit with the message", async () => {
    const loop = file("loop.py", "while True:\n    pass\n");
    const { code, stdout } = await runCli(["trace", loop], ws.env);
    expect(code).toBe(0);
    expect(stdout).toContain("Step 1000/1000");
    expect(stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^Stopped after 1000 steps: the program may loop forever/,
    );
  });
});

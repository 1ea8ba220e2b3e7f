import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import * as output from "../../src/python/output.ts";
import type { Runner, RunResult } from "../../src/python/types.ts";
import { ALL_TARGETS, alive, eventually, OUTPUT_CAP_BYTES, TARGETS } from "./targets.ts";

/** Programs that never stop printing, each through another door; `cpython` ones spawn. */
const FLOODS: Array<{ name: string; code: string; cpythonOnly?: true }> = [
  {
    name: "sys.stdout.write",
    code: "import sys\nwhile True:\n    sys.stdout.write('x' * 1000)",
  },
  {
    name: "sys.stderr.write",
    code: "import sys\nwhile True:\n    sys.stderr.write('x' * 1000)",
  },
  { name: "os.write(1, ...)", code: "import os\nwhile True:\n    os.write(1, b'x' * 100_000)" },
  { name: "os.write(2, ...)", code: "import os\nwhile True:\n    os.write(2, b'x' * 100_000)" },
  {
    name: "a child process",
    code: [
      "import subprocess, sys",
      "flood = 'import os\\nwhile True:\\n    os.write(1, b\"y\" * 65536)'",
      "subprocess.run([sys.executable, '-c', flood])",
    ].join("\n"),
    cpythonOnly: true,
  },
];

function pyprepTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith("pyprep-"));
}

function printed(result: RunResult): number {
  return Buffer.byteLength(result.stdout) + Buffer.byteLength(result.stderr);
}

for (const target of ALL_TARGETS) {
  describe(`output limits on ${target}`, () => {
    const runner: Runner = TARGETS[target]();
    afterAll(() => runner.close());

    for (const flood of FLOODS.filter((f) => !f.cpythonOnly || target !== "pyodide")) {
      it(`stops a flood through ${flood.name} at the cap, with bounded memory and no files left`, async () => {
        await runner.run({ code: "print('warm')" });
        const before = pyprepTempDirs();
        const rss = process.memoryUsage().rss;
        const result = await runner.run({ code: flood.code, timeLimitS: 10 });
        expect(result.limit).toBe("output");
        // Stopped the moment it passed the cap, not by the 10 s time limit.
        expect(result.durationMs).toBeLessThan(5000);
        expect(printed(result)).toBeLessThanOrEqual(OUTPUT_CAP_BYTES + 200);
        expect(printed(result)).toBeGreaterThanOrEqual(OUTPUT_CAP_BYTES - 100_000);
        expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
        expect(output.describeLimit(result, 10)).toContain("64 KB");
        expect(await eventually(() => pyprepTempDirs().length <= before.length)).toBe(true);
        const next = await runner.run({ code: "print('next run works')" });
        expect(next.stdout).toBe("next run works\n");
        expect(next.limit).toBeNull();
      });
    }

    it("never cuts output silently: one byte past the cap is a limit, the cap itself is not", async () => {
      const over = await runner.run({
        code: `import sys\nsys.stdout.write('x' * ${OUTPUT_CAP_BYTES + 1})`,
      });
      expect(over.limit).toBe("output");
      const exact = await runner.run({
        code: `import sys\nsys.stdout.write('x' * ${OUTPUT_CAP_BYTES})`,
      });
      expect(exact.limit).toBeNull();
      expect(exact.stdout).toBe("x".repeat(OUTPUT_CAP_BYTES));
      const stderr = await runner.run({
        code: `import sys\nsys.stderr.write('e' * ${OUTPUT_CAP_BYTES + 1})`,
      });
      expect(stderr.limit).toBe("output");
    });

    it("counts the cap in bytes of UTF-8, not characters", async () => {
      // 40,000 characters, 80,000 bytes.
      const result = await runner.run({ code: "print('é' * 40_000)" });
      expect(result.limit).toBe("output");
      expect(Buffer.byteLength(result.stdout)).toBeLessThanOrEqual(OUTPUT_CAP_BYTES + 200);
    });

    it("a run stopped by a limit never matches, even against exactly what it printed", async () => {
      const result = await runner.run({
        code: `import sys\nsys.stdout.write('x' * ${OUTPUT_CAP_BYTES + 1})`,
      });
      expect(result.limit).toBe("output");
      expect(output.runMatches("x".repeat(OUTPUT_CAP_BYTES), result)).toBe(false);
      expect(output.runMatches(output.programOutput(result), result)).toBe(false);
    });

    if (target !== "pyodide") {
      it("kills a flooding job's processes, so nothing keeps writing after the run", async () => {
        const result = await runner.run({
          code: "import os, sys\nos.write(2, f'{os.getpid()}\\n'.encode())\nwhile True:\n    os.write(1, b'z' * 65536)",
          timeLimitS: 10,
        });
        expect(result.limit).toBe("output");
        const pid = Number(result.stderr.trim().split("\n")[0]);
        expect(pid).toBeGreaterThan(0);
        expect(await eventually(() => !alive(pid))).toBe(true);
      });
    }
  });
}

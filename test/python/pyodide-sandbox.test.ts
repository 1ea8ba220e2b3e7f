import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as nodeRunner from "../../src/python/pyodide/node-runner.ts";
import { PyodidePool } from "../../src/python/pyodide/pool.ts";

/** Pyodide in Node runs trusted code, but a run must not reach the host or the harness. */
describe("Pyodide in Node: what a run cannot reach", () => {
  const runner = new nodeRunner.PyodideRunner({ size: 1 });
  afterAll(() => runner.close());

  it("sees no Node process, require, eval or Function through the js module", async () => {
    const result = await runner.run({
      code: "import js\nprint([hasattr(js, n) for n in ('process', 'require', 'eval', 'Function', 'globalThis')])",
    });
    expect(result.stdout).toBe("[False, False, False, False, False]\n");
  });

  it("cannot make JavaScript from a string, by run_js or a function's constructor", async () => {
    for (const code of [
      "from pyodide.code import run_js\nprint(run_js('typeof process'))",
      "import js\nprint(js.setTimeout.constructor('return typeof process')())",
      "import js\nprint(js.Object.getPrototypeOf(js.setTimeout).constructor('return 1')())",
      "import pyodide_js\nprint(pyodide_js.runPython.constructor('return typeof process')())",
    ]) {
      const result = await runner.run({ code });
      expect(result.stdout, code).toBe("");
      expect(result.exception, code).not.toBeNull();
    }
  });

  it("runs no host command and mounts no host folder, and the next run works", async () => {
    const marker = path.join(tmpdir(), `pyprep-sandbox-probe-${process.pid}`);
    for (const code of [
      `import os\nos.system('touch ${marker}')`,
      `import pyodide_js\npyodide_js.mountNodeFS('/host', '/')\nprint(open('/host/etc/hostname').read())`,
      "import pyodide_js\nFS = pyodide_js.FS\nFS.mkdirTree('/host')\nFS.mount(FS.filesystems.NODEFS, {'root': '/'}, '/host')\nprint(open('/host/etc/hostname').read())",
      "import pyodide_js\npyodide_js._module.FS.mount(pyodide_js._module.NODEFS, {'root': '/'}, '/host')",
    ]) {
      const result = await runner.run({ code });
      expect(result.stdout, code).toBe("");
      const next = await runner.run({ code: "print('next run works')" });
      expect(next.stdout, code).toBe("next run works\n");
    }
    expect(existsSync(marker)).toBe(false);
  });

  it("cannot forge the next run's result by patching the harness or what it uses", async () => {
    const patches = [
      // Every private function of every harness module answers with a forged result.
      [
        "import sys",
        "forged = lambda *a, **k: {'stdout': 'forged', 'stderr': '', 'exception': None, 'limit': None, 'tests': [], 'duration_ms': 0}",
        "for name, module in list(sys.modules.items()):",
        "    if name.startswith('pyprep_harness'):",
        "        for key, value in list(vars(module).items()):",
        "            if key.startswith('_') and not key.startswith('__') and callable(value):",
        "                setattr(module, key, forged)",
      ].join("\n"),
      'import json\njson.dumps = lambda *a, **k: \'{"stdout": "forged"}\'',
      "import unittest\nunittest.TestCase.run = lambda self, result=None: None",
      "import traceback\ntraceback.format_exception = lambda *a, **k: ['forged']",
      [
        "import sys",
        "def forged(*a, **k):",
        "    return {'stdout': 'forged', 'stderr': '', 'exception': None, 'limit': None, 'tests': [], 'duration_ms': 0}",
        "for name, module in list(sys.modules.items()):",
        "    if name.startswith('pyprep_harness'):",
        "        for value in list(vars(module).values()):",
        "            if getattr(value, '__code__', None) is not None and getattr(value, '__module__', '').startswith('pyprep_harness'):",
        "                try:",
        "                    value.__code__ = forged.__code__",
        "                except (ValueError, TypeError):",
        "                    pass",
      ].join("\n"),
    ];
    for (const patch of patches) {
      await runner.run({ code: patch });
      const next = await runner.run({ code: "print('real')\nraise ValueError('real error')" });
      expect(next.stdout, patch).toBe("real\n");
      expect(next.exception?.line, patch).toBe("ValueError: real error");
      const tests = await runner.runTests({
        code: "def add(a, b):\n    return a - b",
        tests:
          "import unittest\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 2), 4)",
      });
      expect(
        tests.tests.map((t) => [t.name, t.passed]),
        patch,
      ).toEqual([["T.test_add", false]]);
    }
  });
});

describe("a Pyodide worker that exits", () => {
  it("is reported as such, not as a time-out, and replaced so the next run works", async () => {
    const entry = new URL("./fixtures/exiting-worker.mjs", import.meta.url);
    const pool = new PyodidePool({ size: 1, spawn: () => nodeRunner.nodeWorkerPort(entry) });
    try {
      const started = performance.now();
      const result = await pool.run({ code: "exit", timeLimitS: 20 });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(result.limit).toBeNull();
      expect(result.exception?.type).toBe("WorkerExited");
      expect(result.exception?.message).toContain("exit code 3");
      const next = await pool.run({ code: "again" });
      expect(next.stdout).toBe("ran again\n");
    } finally {
      await pool.close();
    }
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { CpythonRunner } from "../../src/python/cpython/runner.ts";
import { programOutput } from "../../src/python/output.ts";
import { PyodideRunner } from "../../src/python/pyodide/node-runner.ts";
import {
  OUTPUT_LIMIT_BYTES,
  OUTPUT_TRUNCATED_MARKER,
  type Runner,
  type RunResult,
} from "../../src/python/types.ts";

/** Programs both backends must answer alike; `check` asserts on the result. */
const TABLE: Array<{
  name: string;
  code: string;
  stdin?: string;
  timeLimitS?: number;
  check: (r: RunResult) => void;
}> = [
  {
    name: "prints",
    code: "print('hello', 42)\nprint(*range(3), sep='-')",
    check: (r) => {
      expect(r.stdout).toBe("hello 42\n0-1-2\n");
      expect(r.exception).toBeNull();
      expect(r.limit).toBeNull();
    },
  },
  {
    name: "an exception with its traceback",
    code: "def inner():\n    return 1 / 0\n\nprint('before')\ninner()",
    check: (r) => {
      expect(r.stdout).toBe("before\n");
      expect(r.exception?.type).toBe("ZeroDivisionError");
      expect(r.exception?.line).toBe("ZeroDivisionError: division by zero");
      expect(r.exception?.traceback).toContain('File "main.py", line 5, in <module>');
      expect(r.exception?.traceback).toContain('File "main.py", line 2, in inner');
      expect(r.exception?.traceback).not.toContain("harness");
      expect(programOutput(r)).toBe("before\nZeroDivisionError: division by zero\n");
    },
  },
  {
    name: "a custom exception keeps its plain name",
    code: "class Broken(Exception):\n    pass\nraise Broken('no')",
    check: (r) => expect(r.exception?.line).toBe("Broken: no"),
  },
  {
    name: "stdin",
    code: "name = input('name? ')\nimport sys\nrest = sys.stdin.read()\nprint(name.upper(), rest.split())",
    stdin: "ada\nb c\n",
    check: (r) => expect(r.stdout).toBe("name? ADA ['b', 'c']\n"),
  },
  {
    name: "unicode",
    code: "s = 'naïve café ✓ 🐍'\nprint(s, len(s), s.encode('utf-8')[-4:])",
    check: (r) => expect(r.stdout).toBe("naïve café ✓ 🐍 14 b'\\xf0\\x9f\\x90\\x8d'\n"),
  },
  {
    name: "a syntax error",
    code: "print('never')\ndef broken(:\n    pass",
    check: (r) => {
      expect(r.stdout).toBe("");
      expect(r.exception?.type).toBe("SyntaxError");
      expect(r.exception?.traceback).toContain('File "main.py", line 2');
    },
  },
  {
    name: "an infinite loop stops at the time limit",
    code: "print('start', flush=True)\nwhile True:\n    pass",
    timeLimitS: 1,
    check: (r) => {
      expect(r.limit).toBe("time");
      expect(r.durationMs).toBeGreaterThanOrEqual(900);
    },
  },
  {
    name: "an output flood stops at the output cap",
    code: "while True:\n    print('x' * 99)",
    check: (r) => {
      expect(r.limit).toBe("output");
      expect(r.stdout.endsWith(OUTPUT_TRUNCATED_MARKER)).toBe(true);
      expect(Buffer.byteLength(r.stdout)).toBe(
        OUTPUT_LIMIT_BYTES + Buffer.byteLength(OUTPUT_TRUNCATED_MARKER),
      );
    },
  },
  {
    name: "a memory bomb stops at the memory cap",
    code: "hoard = []\nwhile True:\n    hoard.append(bytearray(16 * 1024 * 1024))",
    timeLimitS: 15,
    check: (r) => {
      expect(r.limit).toBe("memory");
      expect(r.exception?.type).toBe("MemoryError");
    },
  },
  {
    name: "sys.exit with a status",
    code: "import sys\nprint('bye')\nsys.exit(3)",
    check: (r) => {
      expect(r.stdout).toBe("bye\n");
      expect(r.exitCode).toBe(3);
      expect(r.exception).toBeNull();
    },
  },
  {
    name: "a fresh working directory for files",
    code: "import os\nprint(os.listdir('.'))\nwith open('notes.txt', 'w') as f:\n    f.write('hi')\nprint(open('notes.txt').read())",
    check: (r) => expect(r.stdout).toBe("[]\nhi\n"),
  },
  {
    name: "asyncio.run with tasks, timeouts and ordering",
    code: [
      "import asyncio",
      "async def job(name, delay):",
      "    await asyncio.sleep(delay)",
      "    print('done', name)",
      "    return name",
      "async def main():",
      "    results = await asyncio.gather(job('slow', 0.05), job('fast', 0.01))",
      "    try:",
      "        async with asyncio.timeout(0.02):",
      "            await asyncio.sleep(5)",
      "    except TimeoutError:",
      "        print('timed out')",
      "    return results",
      "print(asyncio.run(main()))",
    ].join("\n"),
    check: (r) => expect(r.stdout).toBe("done fast\ndone slow\ntimed out\n['slow', 'fast']\n"),
  },
];

const EXERCISE_TESTS = [
  "import unittest",
  "def test_adds():",
  "    assert add(2, 2) == 4",
  "def test_zero():",
  "    assert add(0, 0) == 0",
  "class AddCase(unittest.TestCase):",
  "    def test_negative(self):",
  "        self.assertEqual(add(-1, -2), -3)",
].join("\n");

const backends: Array<[string, () => Runner]> = [
  ["cpython", () => new CpythonRunner()],
  // The fallback when the fork server cannot be used: a process spawned per run.
  ["cpython (spawn per run)", () => new CpythonRunner({ forkServer: false })],
  ["pyodide", () => new PyodideRunner({ size: 1 })],
];

for (const [name, make] of backends) {
  describe(`the ${name} backend`, () => {
    const runner = make();
    afterAll(() => runner.close());

    it("reports its Python version", async () => {
      expect(await runner.version()).toMatch(/^3\.\d+\.\d+/);
    });

    for (const program of TABLE) {
      it(program.name, async () => {
        const result = await runner.run({
          code: program.code,
          ...(program.stdin !== undefined ? { stdin: program.stdin } : {}),
          ...(program.timeLimitS !== undefined ? { timeLimitS: program.timeLimitS } : {}),
        });
        program.check(result);
        // Whatever stopped the last run, the next one works.
        const after = await runner.run({ code: "print('next run works')" });
        expect(after.stdout).toBe("next run works\n");
      });
    }

    it("starts every run from a clean namespace", async () => {
      await runner.run({
        code: "leftover = 1\nimport json\njson.extra = 2\nimport builtins\nbuiltins.sneaky = 3",
      });
      const result = await runner.run({
        code: "print('leftover' in globals(), hasattr(__import__('builtins'), 'sneaky'), __name__)",
      });
      expect(result.stdout).toBe("False False __main__\n");
    });

    it("grades a correct solution test by test", async () => {
      const result = await runner.runTests({
        code: "def add(a, b):\n    return a + b\n",
        tests: EXERCISE_TESTS,
      });
      expect(result.tests.map((t) => [t.name, t.passed])).toEqual([
        ["AddCase.test_negative", true],
        ["test_adds", true],
        ["test_zero", true],
      ]);
    });

    it("explains failures readably", async () => {
      const result = await runner.runTests({
        code: "def add(a, b):\n    return a - b\n",
        tests: EXERCISE_TESTS,
      });
      const byName = Object.fromEntries(result.tests.map((t) => [t.name, t]));
      expect(byName.test_adds?.passed).toBe(false);
      expect(byName.test_adds?.message).toBe(
        "line 3: assert add(2, 2) == 4\n  left:  0\n  right: 4",
      );
      expect(byName.test_zero?.passed).toBe(true);
      expect(byName["AddCase.test_negative"]?.message).toBe("1 != -3");
    });

    it("reports a solution that does not load", async () => {
      const result = await runner.runTests({
        code: "def add(a, b)\n    return a + b\n",
        tests: EXERCISE_TESTS,
      });
      expect(result.tests).toEqual([]);
      expect(result.loadError?.file).toBe("solution.py");
      expect(result.loadError?.message).toContain("SyntaxError");
    });

    it("treats a plain assert script as one test", async () => {
      const pass = await runner.runTests({
        code: "def add(a, b):\n    return a + b\n",
        tests: "assert add(1, 1) == 2\n",
      });
      expect(pass.tests).toEqual([
        { name: "tests", status: "passed", passed: true, message: null },
      ]);
      const fail = await runner.runTests({
        code: "def add(a, b):\n    return 0\n",
        tests: "assert add(1, 1) == 2\n",
      });
      expect(fail.tests[0]?.passed).toBe(false);
      expect(fail.tests[0]?.message).toContain("left:  0");
    });

    it("stops tests that loop forever and recovers", async () => {
      const result = await runner.runTests({
        code: "def add(a, b):\n    while True:\n        pass\n",
        tests: EXERCISE_TESTS,
        timeLimitS: 1,
      });
      expect(result.limit).toBe("time");
      const after = await runner.run({ code: "print(1 + 1)" });
      expect(after.stdout).toBe("2\n");
    });
  });
}

describe("both backends agree", () => {
  it("on the output of every deterministic program in the table", async () => {
    const cpython = new CpythonRunner();
    const pyodide = new PyodideRunner({ size: 1 });
    try {
      for (const program of TABLE.filter(
        (p) =>
          ![
            "an infinite loop stops at the time limit",
            "a memory bomb stops at the memory cap",
            "a syntax error",
          ].includes(p.name),
      )) {
        const request = {
          code: program.code,
          ...(program.stdin !== undefined ? { stdin: program.stdin } : {}),
        };
        const [a, b] = await Promise.all([cpython.run(request), pyodide.run(request)]);
        expect(programOutput(b), program.name).toBe(programOutput(a));
        expect(b.limit, program.name).toBe(a.limit);
      }
    } finally {
      await Promise.all([cpython.close(), pyodide.close()]);
    }
  });
});

describe("the Pyodide pool's Stop", () => {
  it("stops a running loop as 'stopped', and the next run works", async () => {
    const pool = new PyodideRunner({ size: 1 });
    try {
      await pool.warm();
      const running = pool.run({
        code: "print('looping', flush=True)\nwhile True:\n    pass",
        timeLimitS: 20,
      });
      // Long enough for the print to happen on a loaded machine: a stop before it would
      // rightly show no output, which is not what this test is about.
      await new Promise((r) => setTimeout(r, 1500));
      pool.stopAll();
      const result = await running;
      expect(result.limit).toBe("stopped");
      expect(result.stdout).toBe("looping\n");
      expect((await pool.run({ code: "print('again')" })).stdout).toBe("again\n");
    } finally {
      await pool.close();
    }
  });
});

describe("the interpreter a program sees", () => {
  it("has the usual builtins on both backends, exit() included", async () => {
    const code = "print(callable(exit), callable(quit), callable(help))\nexit(4)";
    for (const runner of [new CpythonRunner(), new PyodideRunner({ size: 1 })]) {
      try {
        const result = await runner.run({ code });
        expect(result.stdout, runner.backend).toBe("True True True\n");
        expect(result.exitCode, runner.backend).toBe(4);
      } finally {
        await runner.close();
      }
    }
  });
});

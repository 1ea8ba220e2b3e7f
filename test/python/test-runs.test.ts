import { afterAll, describe, expect, it } from "vitest";
import type { Runner, TestRunResult } from "../../src/python/types.ts";
import { ALL_TARGETS, TARGETS } from "./targets.ts";

/** The fields of the runner contract (scratch/CONTRACT-runner-format.md) these tests read. */
type Location = { file: string; line: number };
type Test = {
  name: string;
  status: string;
  passed: boolean;
  message: string | null;
  location?: Location;
};
type Run = Omit<TestRunResult, "tests"> & {
  tests: Test[];
  loadError: { file: string; message: string; location?: Location } | null;
  runningTest?: string;
};

const ADD = "def add(a, b):\n    return a + b\n";

for (const target of ALL_TARGETS) {
  describe(`test runs on ${target}`, () => {
    const runner: Runner = TARGETS[target]();
    afterAll(() => runner.close());
    const runTests = async (request: Parameters<Runner["runTests"]>[0]) =>
      (await runner.runTests(request)) as unknown as Run;

    it("gives each test a status, skipped included, with the skip's reason", async () => {
      const run = await runTests({
        code: ADD,
        tests: [
          "import unittest",
          "class Cases(unittest.TestCase):",
          "    def test_pass(self):",
          "        self.assertEqual(add(1, 2), 3)",
          "    def test_fail(self):",
          "        self.assertEqual(add(1, 2), 4)",
          "    @unittest.skip('not today')",
          "    def test_skip(self):",
          "        pass",
          "    @unittest.expectedFailure",
          "    def test_expected(self):",
          "        self.assertEqual(add(1, 1), 3)",
          "def test_function():",
          "    assert add(2, 2) == 4",
          "def test_skipped_function():",
          "    raise unittest.SkipTest('no network')",
        ].join("\n"),
      });
      expect(run.loadError).toBeNull();
      expect(run.tests.map((t) => [t.name, t.status, t.passed])).toEqual([
        ["Cases.test_expected", "passed", true],
        ["Cases.test_fail", "failed", false],
        ["Cases.test_pass", "passed", true],
        ["Cases.test_skip", "skipped", false],
        ["test_function", "passed", true],
        ["test_skipped_function", "skipped", false],
      ]);
      const byName = Object.fromEntries(run.tests.map((t) => [t.name, t]));
      expect(byName["Cases.test_skip"]?.message).toBe("not today");
      expect(byName.test_skipped_function?.message).toBe("no network");
    });

    it("locates a failure at its assertion in tests.py, or where the solution raised", async () => {
      const run = await runTests({
        code: "def add(a, b):\n    if a < 0:\n        raise ValueError('negative')\n    return a - b\n",
        tests: [
          "import unittest",
          "def test_bare():",
          "    assert add(2, 2) == 4",
          "class Cases(unittest.TestCase):",
          "    def test_equal(self):",
          "        self.assertEqual(add(3, 1), 4)",
          "    def test_raises(self):",
          "        add(-1, 1)",
        ].join("\n"),
      });
      const at = Object.fromEntries(run.tests.map((t) => [t.name, t.location]));
      expect(at.test_bare).toEqual({ file: "tests.py", line: 3 });
      expect(at["Cases.test_equal"]).toEqual({ file: "tests.py", line: 6 });
      expect(at["Cases.test_raises"]).toEqual({ file: "solution.py", line: 3 });
    });

    it("reports a solution that cannot load as a load error, never as failed tests", async () => {
      const syntax = await runTests({
        code: "def add(a, b)\n    return a + b\n",
        tests: "def test_a():\n    assert add(1, 1) == 2",
      });
      expect(syntax.tests).toEqual([]);
      expect(syntax.loadError?.file).toBe("solution.py");
      expect(syntax.loadError?.message).toContain("SyntaxError");
      expect(syntax.loadError?.location).toEqual({ file: "solution.py", line: 1 });
      const raising = await runTests({
        code: "x = 1\nraise RuntimeError('at import')\n",
        tests: "def test_a():\n    pass",
      });
      expect(raising.tests).toEqual([]);
      expect(raising.loadError).toMatchObject({
        file: "solution.py",
        message: "RuntimeError: at import",
        location: { file: "solution.py", line: 2 },
      });
    });

    it("reports tests that cannot load as a load error of tests.py", async () => {
      const missing = await runTests({
        code: ADD,
        tests:
          "from nowhere import helper\nimport unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n        pass",
      });
      expect(missing.tests).toEqual([]);
      expect(missing.loadError).toMatchObject({
        file: "tests.py",
        message: "ModuleNotFoundError: No module named 'nowhere'",
        location: { file: "tests.py", line: 1 },
      });
      const script = await runTests({ code: ADD, tests: "import nowhere\nassert add(1, 1) == 2" });
      expect(script.loadError?.file).toBe("tests.py");
      const broken = await runTests({ code: ADD, tests: "def test_a(:\n    pass" });
      expect(broken.loadError?.file).toBe("tests.py");
      expect(broken.loadError?.message).toContain("SyntaxError");
    });

    it("treats a plain assert script as one test", async () => {
      const pass = await runTests({ code: ADD, tests: "assert add(1, 1) == 2\n" });
      expect(pass.loadError).toBeNull();
      expect(pass.tests).toMatchObject([{ name: "tests", status: "passed", passed: true }]);
      const fail = await runTests({
        code: "def add(a, b):\n    return 0\n",
        tests: "x = 1\nassert add(1, 1) == 2\n",
      });
      expect(fail.tests).toMatchObject([
        { name: "tests", status: "failed", location: { file: "tests.py", line: 2 } },
      ]);
      expect(fail.tests[0]?.message).toContain("left:  0");
    });

    it("names the test a time-out stopped in, with the tests that finished before it", async () => {
      for (const tests of [
        "def test_a():\n    assert add(1, 1) == 2\ndef test_b():\n    assert add(0, 0) == 0\ndef test_c():\n    while True:\n        pass\n",
        "import unittest\nclass T(unittest.TestCase):\n    def test_a(self):\n        pass\n    def test_b(self):\n        pass\n    def test_c(self):\n        while True:\n            pass\n",
      ]) {
        // The limit counts from when the job is posted, set-up included: 2 s left a loaded
        // 2-core CI run stopping Python before test_c began.
        const run = await runTests({ code: ADD, tests, timeLimitS: 4 });
        expect(run.limit).toBe("time");
        const prefix = tests.includes("unittest") ? "T." : "";
        expect(run.runningTest).toBe(`${prefix}test_c`);
        expect(run.tests.map((t) => [t.name, t.status])).toEqual([
          [`${prefix}test_a`, "passed"],
          [`${prefix}test_b`, "passed"],
        ]);
      }
    });

    it("registers the code under a module name, for unittest modules that import it", async () => {
      const request = {
        code: "def acronym(text):\n    return ''.join(w[0].upper() for w in text.replace('-', ' ').split())\n",
        tests: [
          "import unittest",
          "from acronym import acronym",
          "import acronym as module",
          "from solution import acronym as same",
          "class AcronymTest(unittest.TestCase):",
          "    def test_words(self):",
          "        self.assertEqual(acronym('portable network graphics'), 'PNG')",
          "    def test_same_module(self):",
          "        self.assertIs(same, module.acronym)",
          "if __name__ == '__main__':",
          "    unittest.main()",
        ].join("\n"),
        module: "acronym",
      };
      const run = await runTests(request);
      expect(run.loadError).toBeNull();
      expect(run.tests.map((t) => [t.name, t.status])).toEqual([
        ["AcronymTest.test_same_module", "passed"],
        ["AcronymTest.test_words", "passed"],
      ]);
      const after = await runner.run({ code: "import acronym" });
      expect(after.exception?.type).toBe("ModuleNotFoundError");
      const clash = await runTests({ ...request, module: "json" });
      expect(clash.loadError?.file).toBe("solution.py");
      expect(clash.loadError?.message).toContain("json");
    });
  });
}

import { afterAll, describe, expect, it } from "vitest";
import type { Runner } from "../../src/python/types.ts";
import { ALL_TARGETS, TARGETS } from "./targets.ts";

/**
 * A run that changes standard library state, then a run that reads it and must see what a
 * fresh `python3` sees. Pyodide serves many runs from one interpreter, so this is its test;
 * CPython forks a fresh process per run and shows what the right answer is.
 */
const CASES: Array<{ name: string; dirty: string; probe: string; fresh: string }> = [
  {
    name: "the root logger's level and handlers (basicConfig)",
    dirty: "import logging\nlogging.basicConfig(level=logging.DEBUG, format='%(message)s')",
    probe: [
      "import logging",
      "root = logging.getLogger()",
      "print(logging.getLevelName(root.level), len(root.handlers))",
    ].join("\n"),
    fresh: "WARNING 0\n",
  },
  {
    name: "a named logger, logging.disable and a handler on a logger that existed",
    dirty: [
      "import logging, sys",
      "logging.getLogger('app.db').setLevel(5)",
      "logging.getLogger('asyncio').addHandler(logging.StreamHandler(sys.stdout))",
      "logging.getLogger('asyncio').propagate = False",
      "logging.disable(logging.CRITICAL)",
    ].join("\n"),
    probe: [
      "import logging",
      "print('app.db' in logging.Logger.manager.loggerDict, logging.root.manager.disable)",
      "a = logging.getLogger('asyncio')",
      "print(len(a.handlers), a.propagate, a.isEnabledFor(logging.ERROR))",
    ].join("\n"),
    fresh: "False 0\n0 True True\n",
  },
  {
    name: "logging's output in the next run (basicConfig takes effect again)",
    dirty:
      "import logging\nlogging.basicConfig(format='OLD %(message)s')\nlogging.warning('first')",
    probe:
      "import logging, sys\nlogging.basicConfig(stream=sys.stdout, format='NEW %(message)s')\nlogging.warning('second')",
    fresh: "NEW second\n",
  },
  {
    name: "an attribute of a standard library module the run rebound",
    dirty: "import tempfile, textwrap\ntempfile.tempdir = '/nowhere'\ntextwrap.dedent = len",
    probe: "import tempfile, textwrap\nprint(tempfile.tempdir, textwrap.dedent('  x'))",
    fresh: "None x\n",
  },
  {
    name: "a sys.monitoring tool the run left registered",
    // sys.monitoring is 3.12+; an older CPython has no such state to keep.
    dirty:
      "import sys\nif hasattr(sys, 'monitoring'):\n    sys.monitoring.use_tool_id(3, 'left over')",
    probe: [
      "import sys",
      "if hasattr(sys, 'monitoring'):",
      "    sys.monitoring.use_tool_id(3, 'mine')",
      "    print(sys.monitoring.get_tool(3))",
      "else:",
      "    print('mine')",
    ].join("\n"),
    fresh: "mine\n",
  },
  {
    name: "the decimal context's precision",
    dirty: "import decimal\ndecimal.getcontext().prec = 5",
    probe: "import decimal\nprint(decimal.getcontext().prec)",
    fresh: "28\n",
  },
];

for (const target of ALL_TARGETS) {
  describe(`each run starts from a clean state on ${target}`, () => {
    const runner: Runner = TARGETS[target]();
    afterAll(() => runner.close());

    for (const { name, dirty, probe, fresh } of CASES) {
      it(`does not keep ${name}`, async () => {
        const before = await runner.run({ code: dirty });
        expect(before.exception, dirty).toBeNull();
        const after = await runner.run({ code: probe });
        expect(after.exception, probe).toBeNull();
        expect(after.stdout).toBe(fresh);
      });
    }

    it("keeps none of it in a test run either", async () => {
      await runner.runTests({
        code: "import logging\nlogging.basicConfig(level=logging.DEBUG)\n",
        tests: "def test_a():\n    pass\n",
      });
      const run = await runner.runTests({
        code: "import logging\ndef level():\n    return logging.getLogger().level\n",
        tests: "import logging\ndef test_level():\n    assert level() == logging.WARNING\n",
      });
      expect(run.tests.map((t) => [t.name, t.status])).toEqual([["test_level", "passed"]]);
    });
  });
}

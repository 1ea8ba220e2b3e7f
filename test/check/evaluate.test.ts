import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/check/evaluate.ts";
import { type CheckJob, planChecks, type TestJob } from "../../src/check/plan.ts";
import { reportProblems } from "../../src/check/report.ts";
import { parseQuestion } from "../../src/content/parse-question.ts";
import type { Question } from "../../src/content/schema.ts";
import type { TestRunResult } from "../../src/python/types.ts";
import { catalog, goodQuestion } from "../fixtures/catalog.ts";

const FILE = "fresher/list-vs-tuple.md";

function questionOf(text: string): Question {
  const { question, problems } = parseQuestion(FILE, text, catalog);
  expect(problems).toEqual([]);
  return question as Question;
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}

const VERSIONS = { cpython: "3.11.7", pyodide: "3.14.2" };

function jobsOf(text: string, backends: Array<"cpython" | "pyodide"> = ["cpython"]) {
  return planChecks([questionOf(text)], backends, VERSIONS).jobs;
}

function job(kind: CheckJob["kind"], text = goodQuestion): CheckJob {
  const found = jobsOf(text).find((j) => j.kind === kind);
  if (!found) throw new Error(`no ${kind} job`);
  return found;
}

/** A result in the runner contract's shape (statuses, locations, load errors). */
function result(fields: Partial<TestRunResult> & Record<string, unknown>): TestRunResult {
  return {
    stdout: "",
    stderr: "",
    exception: null,
    limit: null,
    durationMs: 5,
    tests: [],
    ...fields,
  } as TestRunResult;
}

function test(name: string, status: "passed" | "failed" | "skipped", more = {}) {
  return { name, status, passed: status === "passed", message: null, ...more };
}

const TESTS_LINE = lineOf(goodQuestion, "```python\ndef test_flat");

describe("evaluating test runs", () => {
  it("reports a test file that cannot load as that, at its .md line", () => {
    const loadError = {
      file: "tests.py",
      message: "ModuleNotFoundError: No module named 'acronym'",
      location: { file: "tests.py", line: 1 },
    } as const;
    for (const kind of ["solution", "starter", "wrong"] as const) {
      const text = goodQuestion.replace(
        "    assert freeze([1, [2, [3]]]) == (1, (2, (3,)))\n```\n",
        "    assert freeze([1, [2, [3]]]) == (1, (2, (3,)))\n```\n\n### Wrong: w\n\n```python\nfreeze = tuple\n```\n",
      );
      const verdict = evaluate(job(kind, text), result({ loadError }));
      // The starter "failing" because the tests cannot load is not a pass for it.
      expect(verdict).toEqual({
        at: { line: TESTS_LINE + 1, column: 1 },
        label: "exercise 1 (freeze a nested list)",
        message: "the tests could not load: ModuleNotFoundError: No module named 'acronym'",
      });
    }
  });

  it("names the test a time-out stopped in and how many passed before it", () => {
    const verdict = evaluate(
      job("solution"),
      result({
        limit: "time",
        runningTest: "test_nested",
        tests: [test("test_flat", "passed")],
      }),
    );
    expect(verdict?.message).toBe(
      "the reference solution: stopped: the program ran past the 5 s time limit while running test_nested (1 test passed before it)",
    );
  });

  it("shows a unittest failure's assertion line and source, and caps a long list", () => {
    const failures = Array.from({ length: 11 }, (_, i) =>
      test(`test_${i}`, "failed", {
        message: "AssertionError: [1, 2] != (1, 2)",
        location: { file: "tests.py", line: 2 },
      }),
    );
    const verdict = evaluate(job("solution"), result({ tests: failures }));
    expect(verdict?.at).toEqual({ line: TESTS_LINE + 2, column: 1 });
    expect(verdict?.message).toContain("the reference solution fails 11 of 11 tests");
    expect(verdict?.message).toContain(
      `  ✗ test_0 (list-vs-tuple.md:${TESTS_LINE + 2}: assert freeze([1, 2]) == (1, 2))\n      AssertionError: [1, 2] != (1, 2)`,
    );
    expect(verdict?.message).toContain("test_7");
    expect(verdict?.message).not.toContain("test_8");
    expect(verdict?.message).toContain("  ... and 3 more failing tests");
  });

  it("maps traceback lines in tests.py and solution.py to the .md file", () => {
    const solutionLine = lineOf(goodQuestion, "```python\ndef freeze(value):\n    if");
    const verdict = evaluate(
      job("solution"),
      result({
        tests: [
          test("test_flat", "failed", {
            message:
              'Traceback (most recent call last):\n  File "tests.py", line 2, in test_flat\n  File "solution.py", line 3, in freeze\nTypeError: boom',
          }),
        ],
      }),
    );
    expect(verdict?.message).toContain(
      `File "tests.py", line 2 (list-vs-tuple.md:${TESTS_LINE + 2})`,
    );
    expect(verdict?.message).toContain(
      `File "solution.py", line 3 (list-vs-tuple.md:${solutionLine + 3})`,
    );
  });

  it("counts skipped tests as skipped: they neither fail a starter nor pass a solution", () => {
    const skippedOnly = result({
      tests: [test("test_flat", "skipped"), test("test_nested", "skipped")],
    });
    expect(evaluate(job("starter"), skippedOnly)?.message).toBe(
      "the starter code passes every test (0 passed, 2 skipped); it must fail at least one (a refactoring exercise says starter=passes on its Starter fence)",
    );
    expect(evaluate(job("solution"), skippedOnly)?.message).toBe(
      "every test was skipped (0 passed, 2 skipped); at least one must run and pass",
    );
    const mixed = result({
      tests: [test("test_flat", "failed", { message: "x" }), test("test_nested", "skipped")],
    });
    expect(evaluate(job("solution"), mixed)?.message).toContain("fails 1 of 2 tests (1 skipped)");
  });

  it("does not count a load error of the starter itself as failing", () => {
    const verdict = evaluate(
      job("starter"),
      result({
        loadError: {
          file: "solution.py",
          message: "SyntaxError: invalid syntax",
          location: { file: "solution.py", line: 1 },
        },
      }),
    );
    expect(verdict?.message).toBe("the starter could not load: SyntaxError: invalid syntax");
  });

  it("takes a wrong solution that failed a test before a limit stopped it as caught", () => {
    const text = goodQuestion.replace(
      "    assert freeze([1, [2, [3]]]) == (1, (2, (3,)))\n```\n",
      "    assert freeze([1, [2, [3]]]) == (1, (2, (3,)))\n```\n\n### Wrong: w\n\n```python\nfreeze = tuple\n```\n",
    );
    const wrong = job("wrong", text) as TestJob;
    expect(
      evaluate(
        wrong,
        result({ limit: "time", tests: [test("test_flat", "failed", { message: "x" })] }),
      ),
    ).toBeUndefined();
    expect(
      evaluate(wrong, result({ limit: "output", tests: [test("test_flat", "passed")] }))?.message,
    ).toMatch(
      /^stopped: .*; a wrong solution must run and fail a test, and a limit does not count$/,
    );
  });
});

describe("evaluating programs", () => {
  const example = () => job("example");
  const printed = (stdout: string, more = {}) => evaluate(example(), result({ stdout, ...more }));
  const expected = "'tuple' object does not support item assignment";

  it("forgives only a missing final newline", () => {
    expect(printed(`${expected}\n`)).toBeUndefined();
    expect(printed(expected)).toBeUndefined();
    expect(printed(`${expected}\n\n`)?.message).toContain("the output block does not match");
  });

  it("never matches a run stopped by a limit, even on the right output", () => {
    expect(printed(`${expected}\n`, { limit: "output" })?.message).toContain("stopped:");
  });

  it("caps a long diff and says how many more lines differ", () => {
    const verdict = printed(Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n"));
    expect(verdict?.message).toContain("... and 8 more differing lines");
    expect(verdict?.message).toContain("expected 1 line, printed 20 lines");
  });

  it("takes an uncaught exception's status as part of its output, not an exit= mismatch", () => {
    const exception = { type: "TypeError", message: "x", line: "TypeError: x", traceback: "" };
    const verdict = evaluate(example(), result({ stdout: "", exception }));
    expect(verdict?.message).not.toContain("exited with status");
  });
});

describe("reporting", () => {
  it("merges equal verdicts across backends and names a version difference", () => {
    const text = goodQuestion.replace("```python\npoint", "```python requires-python=3.11\npoint");
    const jobs = jobsOf(text, ["cpython", "pyodide"]);
    const examples = jobs.filter((j) => j.kind === "example");
    const drills = jobs.filter((j) => j.kind === "drill");
    const verdict = { at: { line: 3, column: 1 }, label: "x", message: "differs" };
    const problems = reportProblems([
      { job: examples[0] as CheckJob, verdict },
      { job: examples[1] as CheckJob, verdict: undefined },
      { job: drills[0] as CheckJob, verdict: { ...verdict, label: "drill" } },
      { job: drills[1] as CheckJob, verdict: { ...verdict, label: "drill" } },
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      "x on cpython: differs\n    a Python version difference: it passes on pyodide 3.14.2 but not on cpython 3.11.7; the block needs 3.11+, so print what every version from 3.11 on agrees on, or raise requires-python",
      "drill on cpython and pyodide: differs",
    ]);
  });
});

import { execFile, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goodQuestion } from "../fixtures/catalog.ts";

const run = promisify(execFile);
const BIN = path.resolve("bin/pyprep.js");

/** A question file under `fresher/<id>.md`, derived from the good fixture. */
function variant(id: string, edit: (text: string) => string = (t) => t): string {
  return edit(goodQuestion.replace("id: list-vs-tuple", `id: ${id}`));
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}

const EXAMPLE = /```python\npoint = \(1, 2\)[\s\S]*?```output\n'tuple' object[^`]*```/;
const DRILL = /```python\na = \[1, 2\][\s\S]*?```output\n\(\[1, 2, 9\], 3\)\n```/;
const TESTS_END = "    assert freeze([1, [2, [3]]]) == (1, (2, (3,)))\n```\n";
const SOLUTION =
  "def freeze(value):\n    if isinstance(value, list):\n        return tuple(freeze(item) for item in value)\n    return value";

/** The example's code and output block replaced. */
function withExample(code: string, output: string): (t: string) => string {
  return (t) => t.replace(EXAMPLE, () => `\`\`\`python\n${code}\n\`\`\`\n\n${output}`);
}

/** `### Wrong: title` blocks after the exercise's tests. */
function withWrong(...wrongs: Array<[string, string]>): (t: string) => string {
  const blocks = wrongs.map(
    ([title, code]) => `### Wrong: ${title}\n\n\`\`\`python\n${code}\n\`\`\`\n`,
  );
  return (t) => t.replace(TESTS_END, `${TESTS_END}\n${blocks.join("\n")}`);
}

const files: Record<string, string> = {
  "good-one": variant("good-one"),
  "broken-example": variant("broken-example", (t) =>
    t.replace("'tuple' object does not support item assignment\n```", "tuples are frozen\n```"),
  ),
  "wrong-drill": variant("wrong-drill", (t) => t.replace("([1, 2, 9], 3)", "([1, 2], 3)")),
  "passing-starter": variant("passing-starter", (t) =>
    t.replace(
      "def freeze(value):\n    raise NotImplementedError",
      "def freeze(value):\n    return tuple(freeze(v) for v in value) if isinstance(value, list) else value",
    ),
  ),
  "syntax-error": variant("syntax-error", (t) =>
    t.replace("point = (1, 2)\ntry:", "point = (1, 2\ntry:"),
  ),
  "cpython-only": variant("cpython-only", (t) =>
    t
      .replace("difficulty: 1", "difficulty: 1\nruns-on-reason: starts a thread")
      .replace("```python\na = [1, 2]", "```python runs-on=cpython\na = [1, 2]"),
  ),
  "weak-wrong": variant(
    "weak-wrong",
    withWrong(
      ["converts only the top level", "def freeze(value):\n    return tuple(value)"],
      ["leaves lists inside tuples alone", SOLUTION],
    ),
  ),
  "wrong-broken": variant(
    "wrong-broken",
    withWrong(["does not even parse", "def freeze(value)\n    return value"]),
  ),
  "wrong-slow": variant("wrong-slow", (t) =>
    withWrong(["never returns", "def freeze(value):\n    while True:\n        pass"])(
      t.replace("```python\ndef test_flat", "```python timeout=2\ndef test_flat"),
    ),
  ),
  refactor: variant("refactor", (t) =>
    t.replace(
      "```python\ndef freeze(value):\n    raise NotImplementedError",
      "```python starter=passes\ndef freeze(value):\n    return tuple(freeze(v) for v in value) if isinstance(value, list) else value",
    ),
  ),
  "refactor-broken": variant("refactor-broken", (t) =>
    t.replace(
      "```python\ndef freeze(value):\n    raise",
      "```python starter=passes\ndef freeze(value):\n    raise",
    ),
  ),
  "skipped-tests": variant("skipped-tests", (t) =>
    withWrong(["converts only the top level", "def freeze(value):\n    return tuple(value)"])(
      t,
    ).replace(
      /```python\ndef test_flat[\s\S]*?```\n/,
      '```python\nimport unittest\n\nclass FreezeTest(unittest.TestCase):\n    def test_flat(self):\n        self.assertEqual(freeze([1, 2]), (1, 2))\n\n    @unittest.skip("not written yet")\n    def test_nested(self):\n        self.fail()\n```\n',
    ),
  ),
  "tests-cannot-load": variant("tests-cannot-load", (t) =>
    t.replace("```python\ndef test_flat", "```python\nimport no_such_module_here\n\ndef test_flat"),
  ),
  "unittest-line": variant("unittest-line", (t) =>
    t
      .replace(SOLUTION, "def freeze(value):\n    return list(value)")
      .replace(
        /```python\ndef test_flat[\s\S]*?```\n/,
        "```python\nimport unittest\n\nclass FreezeTest(unittest.TestCase):\n    def test_flat(self):\n        self.assertEqual(freeze([1, 2]), (1, 2))\n```\n",
      ),
  ),
  "slow-test": variant("slow-test", (t) =>
    t
      .replace("```python\ndef test_flat", "```python timeout=2\ndef test_flat")
      .replace(
        TESTS_END,
        TESTS_END.replace("\n```\n", "\n\ndef test_slow():\n    while True:\n        pass\n```\n"),
      ),
  ),
  "assert-line": variant("assert-line", (t) =>
    t.replace(SOLUTION, "def freeze(value):\n    return list(value)"),
  ),
  "exit-status": variant(
    "exit-status",
    withExample('import sys\nprint("bye")\nsys.exit(3)', "```output exit=3\nbye\n```"),
  ),
  "exit-unsaid": variant(
    "exit-unsaid",
    withExample('import sys\nprint("bye")\nsys.exit(3)', "```output\nbye\n```"),
  ),
  "blank-lines": variant("blank-lines", (t) =>
    t.replace(DRILL, '```python\nprint("a")\nprint()\nprint()\n```\n\n```output\na\n\n\n```'),
  ),
  "carriage-return": variant(
    "carriage-return",
    withExample('print("50%\\r100%")', "```output escapes=on\n50%\\r100%\n```"),
  ),
  "long-line": variant(
    "long-line",
    withExample('print("x" * 40000 + "y")', `\`\`\`output\n${"x".repeat(40000)}z\n\`\`\``),
  ),
  "version-gated": variant(
    "version-gated",
    withExample("import sys\nprint(sys.version_info >= (3, 12))", "```output\nTrue\n```"),
  ),
};
// The gate goes on the example's own fence.
files["version-gated"] = (files["version-gated"] as string).replace(
  "```python\nimport sys\nprint(sys.version_info",
  "```python requires-python=3.11\nimport sys\nprint(sys.version_info",
);

describe("pyprep check", () => {
  let root: string;
  let output: { stdout: string; code: number };

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "pyprep-check-"));
    mkdirSync(path.join(root, "fresher"));
    cpSync("content/topics.yaml", path.join(root, "topics.yaml"));
    cpSync("content/coverage.yaml", path.join(root, "coverage.yaml"));
    for (const [id, text] of Object.entries(files))
      writeFileSync(path.join(root, "fresher", `${id}.md`), text);
    try {
      const { stdout } = await run(
        "node",
        [BIN, "check", "--root", root, "--backend", "both", "--no-progress"],
        { cwd: root },
      );
      output = { stdout, code: 0 };
    } catch (error) {
      const failure = error as { stdout: string; code: number };
      output = { stdout: failure.stdout, code: failure.code };
    }
  }, 180_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("exits non-zero and counts the problems", () => {
    expect(output.code).toBe(1);
    expect(output.stdout).toMatch(/check failed: \d+ problems/);
  });

  it("reports a broken example at its output block once for both backends, with a diff", () => {
    const text = files["broken-example"] as string;
    const line = lineOf(text, "```output\ntuples are frozen");
    expect(output.stdout).toContain(
      `fresher/broken-example.md:${line}:1: example 1 (a tuple refuses assignment) on cpython and pyodide: the output block does not match`,
    );
    expect(output.stdout).not.toContain(
      `broken-example.md:${line}:1: example 1 (a tuple refuses assignment) on cpython:`,
    );
    expect(output.stdout).toContain(`expected: "tuples are frozen"`);
    expect(output.stdout).toContain(`printed:  "'tuple' object does not support item assignment"`);
  });

  it("reports a wrong drill answer", () => {
    const line = lineOf(files["wrong-drill"] as string, "```output\n([1, 2], 3)");
    expect(output.stdout).toContain(
      `fresher/wrong-drill.md:${line}:1: drill 1 (predict the output) on cpython and pyodide: the output block does not match`,
    );
  });

  it("reports a starter that passes every test", () => {
    const line = lineOf(files["passing-starter"] as string, "### Starter") + 2;
    expect(output.stdout).toContain(
      `fresher/passing-starter.md:${line}:1: exercise 1 (freeze a nested list) on cpython and pyodide: the starter code passes every test (2 passed)`,
    );
  });

  it("reports a syntax error in an example", () => {
    const line = lineOf(files["syntax-error"] as string, "```output\n'tuple'");
    expect(output.stdout).toMatch(
      new RegExp(
        `fresher/syntax-error.md:${line}:1: example 1 \\(a tuple refuses assignment\\) on cpython( and pyodide)?: the output block does not match`,
      ),
    );
    expect(output.stdout).toMatch(/printed: {2}"SyntaxError: /);
  });

  it("reports a wrong solution that passes every test as a weak test suite, at its heading", () => {
    const text = files["weak-wrong"] as string;
    const line = lineOf(text, "### Wrong: leaves lists inside tuples alone");
    expect(output.stdout).toContain(
      `fresher/weak-wrong.md:${line}:1: exercise 1 (freeze a nested list), wrong solution "leaves lists inside tuples alone" on cpython and pyodide: weak test suite: this wrong solution passes every test (2 passed); add a test that fails it`,
    );
    // The wrong solution the tests do catch says nothing.
    expect(output.stdout).not.toMatch(/weak-wrong\.md.*converts only the top level/);
  });

  it("does not count a wrong solution that cannot load or hits a limit as caught", () => {
    const broken = files["wrong-broken"] as string;
    expect(output.stdout).toMatch(
      new RegExp(
        `fresher/wrong-broken.md:${lineOf(broken, "### Wrong:")}:1: exercise 1 \\(freeze a nested list\\), wrong solution "does not even parse" on cpython( and pyodide)?: it could not load \\(SyntaxError`,
      ),
    );
    expect(output.stdout).toContain("a wrong solution must load and fail a test");
    const slow = files["wrong-slow"] as string;
    expect(output.stdout).toMatch(
      new RegExp(
        `fresher/wrong-slow.md:${lineOf(slow, "### Wrong:")}:1: exercise 1 \\(freeze a nested list\\), wrong solution "never returns" on cpython and pyodide: stopped: the program ran past the 2 s time limit.*a limit does not count`,
      ),
    );
  });

  it("requires a starter=passes starter to pass every test instead of failing one", () => {
    expect(output.stdout).not.toContain("refactor.md");
    const text = files["refactor-broken"] as string;
    expect(output.stdout).toContain(
      `fresher/refactor-broken.md:${lineOf(text, "    raise NotImplementedError")}:1: exercise 1 (freeze a nested list) on cpython and pyodide: the starter (starter=passes) fails 2 of 2 tests`,
    );
  });

  it("counts skipped tests as skipped, not passed", () => {
    expect(output.stdout).toContain(
      'wrong solution "converts only the top level" on cpython and pyodide: weak test suite: this wrong solution passes every test (1 passed, 1 skipped)',
    );
  });

  it("points a failing bare assert at its line in the Markdown file", () => {
    const text = files["assert-line"] as string;
    const line = lineOf(text, "    assert freeze([1, 2]) == (1, 2)");
    expect(output.stdout).toContain(
      `fresher/assert-line.md:${line}:1: exercise 1 (freeze a nested list) on cpython and pyodide: the reference solution fails 2 of 2 tests`,
    );
    expect(output.stdout).toContain(
      `line 2 (assert-line.md:${line}): assert freeze([1, 2]) == (1, 2)`,
    );
  });

  it("reports a test file that cannot load as that, once, and not as the starter failing", () => {
    const text = files["tests-cannot-load"] as string;
    const line = lineOf(text, "import no_such_module_here");
    const problem = `fresher/tests-cannot-load.md:${line}:1: exercise 1 (freeze a nested list) on cpython and pyodide: the tests could not load: ModuleNotFoundError: No module named 'no_such_module_here'`;
    expect(output.stdout).toContain(problem);
    expect(output.stdout.split(problem)).toHaveLength(2);
    expect(output.stdout).not.toMatch(/tests-cannot-load\.md.*fails \d+ of/);
  });

  it("shows a unittest failure at its assertion's line, with the assertion", () => {
    const text = files["unittest-line"] as string;
    const line = lineOf(text, "        self.assertEqual(freeze([1, 2]), (1, 2))");
    expect(output.stdout).toContain(
      `fresher/unittest-line.md:${line}:1: exercise 1 (freeze a nested list) on cpython and pyodide: the reference solution fails 1 of 1 test`,
    );
    expect(output.stdout).toContain(
      `  ✗ FreezeTest.test_flat (unittest-line.md:${line}: self.assertEqual(freeze([1, 2]), (1, 2)))`,
    );
  });

  it("names the test a time-out stopped in and how many passed before it", () => {
    expect(output.stdout).toMatch(
      /slow-test\.md:\d+:1: exercise 1 \(freeze a nested list\) on cpython and pyodide: the reference solution: stopped: the program ran past the 2 s time limit while running test_slow \(2 tests passed before it\)/,
    );
  });

  it("compares the exit status: exit=3 passes, an unsaid one is reported", () => {
    expect(output.stdout).not.toContain("exit-status.md");
    const text = files["exit-unsaid"] as string;
    expect(output.stdout).toContain(
      `fresher/exit-unsaid.md:${lineOf(text, "```output\nbye")}:1: example 1 (a tuple refuses assignment) on cpython and pyodide: the program exited with status 3; say so with \`\`\`output exit=3`,
    );
  });

  it("matches output that ends in blank lines, and a carriage return written as \\r", () => {
    expect(output.stdout).not.toContain("blank-lines.md");
    expect(output.stdout).not.toContain("carriage-return.md");
  });

  it("shows a long-line mismatch as its column and a short window", () => {
    const text = files["long-line"] as string;
    const line = lineOf(text, "```output\nxxx");
    const start = output.stdout.indexOf(`fresher/long-line.md:${line}:1:`);
    expect(start).toBeGreaterThanOrEqual(0);
    const problem = output.stdout.slice(start).split(/\n(?=\S)/)[0] as string;
    expect(problem).toContain("line 1, column 40001 (of 40001 expected, 40001 printed characters)");
    expect(problem).toContain('- expected: ..."xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz"');
    expect(problem).toContain('+ printed:  ..."xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy"');
    expect(problem.length).toBeLessThan(1000);
  });

  it("names a version difference in a version-gated block", () => {
    const text = files["version-gated"] as string;
    const line = lineOf(text, "```output\nTrue");
    expect(output.stdout).toContain(
      `fresher/version-gated.md:${line}:1: example 1 (a tuple refuses assignment) on cpython: the output block does not match`,
    );
    expect(output.stdout).toMatch(
      /a Python version difference: it passes on pyodide 3\.1\d\.\d+ but not on cpython 3\.11\.\d+; the block needs 3\.11\+/,
    );
  });

  it("skips CPython-only code on Pyodide and says so", () => {
    expect(output.stdout).toContain("skipped 1 run (pyodide: runs on cpython only)");
  });

  it("passes the good files without a word", () => {
    expect(output.stdout).not.toContain("good-one.md");
    expect(output.stdout).not.toContain("cpython-only.md");
  });

  it("reports file problems and exits non-zero for a single bad path", async () => {
    const bad = path.join(root, "fresher", "bad-front.md");
    writeFileSync(
      bad,
      variant("bad-front", (t) => t.replace("covers: F04", "covers: F77")),
    );
    const failure = await run(
      "node",
      [BIN, "check", bad, "--root", root, "--backend", "cpython", "--no-progress"],
      { cwd: root },
    ).catch((e) => e);
    expect(failure.code).toBe(1);
    expect(failure.stdout).toContain("fresher/bad-front.md:3:1: covers 'F77' is not a syllabus id");
  }, 60_000);
});

describe("pyprep check on a content pack elsewhere", () => {
  const PACK = path.resolve("test/fixtures/exercise-pack");
  let own: string;

  /** Runs the CLI; never throws, so every exit status and both streams can be checked. */
  async function cli(args: string[], cwd = process.cwd()) {
    try {
      const { stdout, stderr } = await run("node", [BIN, ...args], { cwd });
      return { stdout, stderr, code: 0 };
    } catch (error) {
      const failure = error as { stdout: string; stderr: string; code: number };
      return { stdout: failure.stdout, stderr: failure.stderr, code: failure.code };
    }
  }

  beforeAll(() => {
    // A pack with its own catalog: a topic and a syllabus id the bundled ones lack.
    own = mkdtempSync(path.join(tmpdir(), "pyprep-pack-"));
    mkdirSync(path.join(own, "fresher"));
    writeFileSync(
      path.join(own, "topics.yaml"),
      "- id: katas\n  title: Katas\n  about: Small practice problems.\n",
    );
    writeFileSync(
      path.join(own, "coverage.yaml"),
      "fresher:\n  K01: Practice\nintermediate: {}\nexpert: {}\n",
    );
    writeFileSync(
      path.join(own, "fresher", "list-vs-tuple.md"),
      goodQuestion
        .replace("covers: F04", "covers: K01")
        .replace("[data-structures, types]", "[katas]"),
    );
  });

  afterAll(() => rmSync(own, { recursive: true, force: true }));

  it("passes a unittest exercise that imports its module by name, with headings and code in its prompt", async () => {
    const result = await cli(["check", "--root", PACK, "--backend", "both", "--no-progress"]);
    expect(result.stdout).toContain(`note: ${PACK} has no topics.yaml: using the bundled one`);
    expect(result.stdout).toContain(`note: ${PACK} has no coverage.yaml: using the bundled one`);
    expect(result.stdout).toMatch(
      /1 questions valid, 0 file problems; runs: cpython [\d.]+: 4 passed, 0 failed; pyodide [\d.]+: 4 passed, 0 failed/,
    );
    expect(result.stdout).toContain("check passed");
    expect(result.code).toBe(0);
  }, 120_000);

  it("uses a pack's own topics.yaml and coverage.yaml when it has them", async () => {
    const result = await cli(["check", "--root", own, "--backend", "cpython", "--no-progress"]);
    expect(result.stdout).not.toContain("note:");
    expect(result.stdout).toContain("check passed");
    expect(result.code).toBe(0);
  }, 120_000);

  it("takes a pack folder given as the only path as its root, and says so", async () => {
    const result = await cli(["check", own, "--backend", "cpython", "--no-progress"]);
    expect(result.stdout).toContain(
      `note: checking ${own} as a content pack (it has its own catalog)`,
    );
    expect(result.stdout).toContain("check passed");
  }, 120_000);

  it("says a missing folder or file in one line, never a bare ENOENT or a stack trace", async () => {
    const missing = path.join(own, "no-such-pack");
    for (const [args, line] of [
      [["check", "--root", missing], `pyprep: no such content folder: ${missing}`],
      [
        ["check", path.join(own, "nope.md")],
        `pyprep: no such file or folder: ${path.join(own, "nope.md")}`,
      ],
      [
        ["check", "--root", path.join(own, "topics.yaml")],
        `pyprep: ${path.join(own, "topics.yaml")} is a file, not a content folder`,
      ],
    ] as const) {
      const result = await cli([...args, "--backend", "cpython", "--no-progress"]);
      expect(result.stderr.trim()).toBe(line);
      expect(result.code).toBe(2);
    }
  }, 60_000);
});

describe("pyprep serve --content", () => {
  it("serves a content pack from another folder", async () => {
    const db = mkdtempSync(path.join(tmpdir(), "pyprep-serve-"));
    const child = spawn(
      "node",
      [
        BIN,
        "serve",
        "--content",
        "test/fixtures/exercise-pack",
        "--port",
        "0",
        "--db",
        path.join(db, "p.sqlite"),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          const found = /running at (http:\/\/\S+)/.exec(stderr);
          if (found?.[1]) resolve(found[1]);
        });
        child.once("exit", (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const response = await fetch(`${url}/api/questions/acronym`);
      expect(response.status).toBe(200);
      const question = (await response.json()) as {
        question: string;
        exercises: Array<Record<string, unknown>>;
      };
      expect(question.question).toBe("Build an acronym from a phrase");
      expect(question.exercises[0]?.promptHtml).toContain("<h4>What counts as a word</h4>");
      // Wrong solutions are for checking only: they never reach the web app.
      expect(JSON.stringify(question)).not.toContain("splits on spaces only");
      expect(JSON.stringify(question)).not.toContain("phrase.split()");
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) =>
        child.exitCode === null ? child.once("exit", resolve) : resolve(null),
      );
      rmSync(db, { recursive: true, force: true });
    }
  }, 60_000);

  it("says a missing content folder in one line", async () => {
    const missing = path.join(tmpdir(), "pyprep-no-such-content");
    const failure: { stderr: string; code?: number } = await run("node", [
      BIN,
      "serve",
      "--content",
      missing,
      "--port",
      "0",
    ]).catch((e) => e as { stderr: string; code: number });
    expect(failure.stderr.trim()).toBe(`pyprep: no such content folder: ${missing}`);
    expect(failure.code).not.toBe(0);
  }, 60_000);
});

import { execFile } from "node:child_process";
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
};

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

  it("reports a broken example at its output block, on both backends, with a diff", () => {
    const text = files["broken-example"] as string;
    const line = lineOf(text, "```output\ntuples are frozen");
    for (const backend of ["cpython", "pyodide"]) {
      expect(output.stdout).toContain(
        `fresher/broken-example.md:${line}:1: example 1 (a tuple refuses assignment) on ${backend}: the output block does not match`,
      );
    }
    expect(output.stdout).toContain(`expected: "tuples are frozen"`);
    expect(output.stdout).toContain(`printed:  "'tuple' object does not support item assignment"`);
  });

  it("reports a wrong drill answer", () => {
    const line = lineOf(files["wrong-drill"] as string, "```output\n([1, 2], 3)");
    expect(output.stdout).toContain(
      `fresher/wrong-drill.md:${line}:1: drill 1 (predict the output) on cpython: the output block does not match`,
    );
  });

  it("reports a starter that passes every test", () => {
    const line = lineOf(files["passing-starter"] as string, "### Starter") + 2;
    expect(output.stdout).toContain(
      `fresher/passing-starter.md:${line}:1: exercise 1 (freeze a nested list) on pyodide: the starter code passes every test`,
    );
  });

  it("reports a syntax error in an example", () => {
    const line = lineOf(files["syntax-error"] as string, "```output\n'tuple'");
    expect(output.stdout).toContain(
      `fresher/syntax-error.md:${line}:1: example 1 (a tuple refuses assignment) on cpython: the output block does not match`,
    );
    expect(output.stdout).toMatch(/printed: {2}"SyntaxError: /);
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

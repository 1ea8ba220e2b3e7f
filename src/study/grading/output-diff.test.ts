import { describe, expect, it } from "vitest";
import { diffOutput, normalizeOutput } from "./output-diff.ts";

describe("diffOutput: what is forgiven", () => {
  it.each([
    ["identical", "a\nb\n", "a\nb\n"],
    ["missing final newline", "a\nb\n", "a\nb"],
    ["extra final newline", "a\nb", "a\nb\n"],
    ["trailing spaces and tabs", "a\nb\n", "a  \nb\t\n"],
    ["CRLF line ends", "a\nb\n", "a\r\nb\r\n"],
    ["empty output vs one newline (print())", "", "\n"],
  ])("%s", (_name, expected, actual) => {
    const diff = diffOutput(expected, actual);
    expect(diff.match).toBe(true);
    expect(diff.lines.every((line) => line.op === "same")).toBe(true);
  });
});

describe("diffOutput: what is not", () => {
  it.each([
    ["case", "True\n", "true\n"],
    ["leading spaces", "a\n", "  a\n"],
    ["spaces inside a line", "[1, 2]\n", "[1,2]\n"],
    ["an extra blank line at the end", "a\n", "a\n\n"],
    ["a blank line in the middle", "a\nb\n", "a\n\nb\n"],
    ["quotes", "'x'\n", '"x"\n'],
    ["nothing typed", "1\n", ""],
  ])("%s", (_name, expected, actual) => {
    expect(diffOutput(expected, actual).match).toBe(false);
  });
});

describe("diffOutput: the readable diff", () => {
  it("marks a changed line as expected then answered, keeping the common lines", () => {
    const diff = diffOutput("start\n[1, 2, 9]\nend\n", "start\n[1, 2]\nend\n");
    expect(diff.text).toBe("  start\n- [1, 2, 9]\n+ [1, 2]\n  end");
    expect(diff.lines[1]).toEqual({ op: "missing", text: "[1, 2, 9]", expectedLine: 2 });
    expect(diff.lines[2]).toEqual({ op: "extra", text: "[1, 2]", actualLine: 2 });
  });

  it("aligns on common lines around an inserted or dropped line", () => {
    expect(diffOutput("a\nb\nc\n", "a\nc\n").text).toBe("  a\n- b\n  c");
    expect(diffOutput("a\nc\n", "a\nx\nc\n").text).toBe("  a\n+ x\n  c");
  });

  it("shows a line the candidate left out at the end", () => {
    const diff = diffOutput("1\n2\n3\n", "1\n2\n");
    expect(diff.lines.map((line) => line.op)).toEqual(["same", "same", "missing"]);
  });

  it("still answers for huge outputs, comparing lines in place", () => {
    const big = Array.from({ length: 3000 }, (_, i) => String(i)).join("\n");
    const changed = big.replace("\n1500\n", "\nX\n");
    const diff = diffOutput(big, changed);
    expect(diff.match).toBe(false);
    expect(diff.lines.filter((line) => line.op !== "same")).toEqual([
      { op: "missing", text: "1500", expectedLine: 1501 },
      { op: "extra", text: "X", actualLine: 1501 },
    ]);
  });
});

describe("diffOutput: line-by-line credit", () => {
  it("counts 3 of 4 lines right when one line is changed", () => {
    const { credit, match } = diffOutput("a\nb\nc\nd\n", "a\nb\nX\nd\n");
    expect(match).toBe(false);
    expect([credit.right, credit.total, credit.missingLines]).toEqual([3, 4, 0]);
    expect(credit.answerLines.map((line) => line.right)).toEqual([true, true, false, true]);
  });

  it("gives full credit to a match and none to an empty answer", () => {
    expect(diffOutput("a\nb\n", "a\nb").credit).toMatchObject({ right: 2, total: 2 });
    expect(diffOutput("a\nb\n", "").credit).toMatchObject({ right: 0, total: 2 });
  });

  it("counts a left-out line as missing and an extra line against the total", () => {
    expect(diffOutput("1\n2\n3\n", "1\n3\n").credit).toMatchObject({
      right: 2,
      total: 3,
      missingLines: 1,
    });
    const extra = diffOutput("1\n2\n", "1\n2\n3\n").credit;
    expect([extra.right, extra.total]).toEqual([2, 3]);
    expect(extra.answerLines.at(-1)).toEqual({ text: "3", right: false });
  });

  it("marks nothing right twice: each answer line is right at most once", () => {
    const { credit } = diffOutput("x\n", "x\nx\n");
    expect(credit.answerLines.filter((line) => line.right)).toHaveLength(1);
    expect([credit.right, credit.total]).toEqual([1, 2]);
  });
});

describe("normalizeOutput", () => {
  it("trims line ends and drops exactly one final newline", () => {
    expect(normalizeOutput("a \nb\n")).toEqual(["a", "b"]);
    expect(normalizeOutput("a\n\n")).toEqual(["a", ""]);
    expect(normalizeOutput("")).toEqual([""]);
  });
});

/**
 * Predict-the-output grading. Only two things are forgiven: whitespace at the end
 * of a line (it cannot be seen, and `\r` of a CRLF counts as such) and the newline
 * after the last line. Case, blank lines, leading spaces and everything else count.
 */

export type DiffOp = "same" | "missing" | "extra";

export interface DiffLine {
  /** `missing`: expected but not in the answer; `extra`: in the answer but not expected. */
  op: DiffOp;
  text: string;
  /** 1-based line numbers in the expected output and in the answer, where the line exists. */
  expectedLine?: number;
  actualLine?: number;
}

export interface OutputDiff {
  match: boolean;
  lines: DiffLine[];
  /** The diff as text: `  ` same, `- ` expected only, `+ ` answer only. */
  text: string;
  /** Line-by-line credit: how much of the answer was right, for partial credit and a retry. */
  credit: LineCredit;
}

/**
 * `right` of `total` lines right. A changed line (one missing, one extra) counts once, so
 * 3 of 4 lines right reads "3 of 4"; an extra or a missing line adds one to `total`.
 */
export interface LineCredit {
  right: number;
  total: number;
  /** One entry per line of the answer: was it right (in its place among the expected lines)? */
  answerLines: { text: string; right: boolean }[];
  /** Expected lines the answer has no counterpart for (beyond the lines it got wrong). */
  missingLines: number;
}

/** Beyond this many line pairs the exact diff is not worth its cost; lines are compared in place. */
const MAX_LCS_CELLS = 4_000_000;

export function normalizeOutput(output: string): string[] {
  const lines = output.split("\n").map((line) => line.trimEnd());
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export function diffOutput(expected: string, actual: string): OutputDiff {
  const want = normalizeOutput(expected);
  const got = normalizeOutput(actual);
  const lines =
    want.length * got.length > MAX_LCS_CELLS ? positionalDiff(want, got) : lcsDiff(want, got);
  const match = lines.every((line) => line.op === "same");
  return { match, lines, text: renderDiff(lines), credit: lineCredit(lines, got) };
}

function lineCredit(lines: readonly DiffLine[], got: readonly string[]): LineCredit {
  const right = lines.filter((line) => line.op === "same").length;
  const missing = lines.filter((line) => line.op === "missing").length;
  const extra = lines.filter((line) => line.op === "extra").length;
  const sameAt = new Set(
    lines.flatMap((line) => (line.op === "same" && line.actualLine ? [line.actualLine] : [])),
  );
  return {
    right,
    total: right + Math.max(missing, extra),
    answerLines: got.map((text, i) => ({ text, right: sameAt.has(i + 1) })),
    missingLines: Math.max(0, missing - extra),
  };
}

export function renderDiff(lines: readonly DiffLine[]): string {
  const prefix: Record<DiffOp, string> = { same: "  ", missing: "- ", extra: "+ " };
  return lines.map((line) => `${prefix[line.op]}${line.text}`.trimEnd()).join("\n");
}

function lcsDiff(want: readonly string[], got: readonly string[]): DiffLine[] {
  const n = want.length;
  const m = got.length;
  // suffix[i][j] = length of the longest common subsequence of want[i..] and got[j..].
  const width = m + 1;
  const suffix = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      suffix[i * width + j] =
        want[i] === got[j]
          ? (suffix[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(suffix[(i + 1) * width + j] ?? 0, suffix[i * width + j + 1] ?? 0);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && want[i] === got[j]) {
      lines.push({ op: "same", text: want[i] ?? "", expectedLine: i + 1, actualLine: j + 1 });
      i++;
      j++;
    } else if (
      j < m &&
      (i >= n || (suffix[i * width + j + 1] ?? 0) > (suffix[(i + 1) * width + j] ?? 0))
    ) {
      lines.push({ op: "extra", text: got[j] ?? "", actualLine: j + 1 });
      j++;
    } else {
      // Ties put the expected line first, so a changed line reads "- expected" then "+ answer".
      lines.push({ op: "missing", text: want[i] ?? "", expectedLine: i + 1 });
      i++;
    }
  }
  return lines;
}

function positionalDiff(want: readonly string[], got: readonly string[]): DiffLine[] {
  const lines: DiffLine[] = [];
  for (let k = 0; k < Math.max(want.length, got.length); k++) {
    const w = want[k];
    const g = got[k];
    if (w !== undefined && w === g) {
      lines.push({ op: "same", text: w, expectedLine: k + 1, actualLine: k + 1 });
      continue;
    }
    if (w !== undefined) lines.push({ op: "missing", text: w, expectedLine: k + 1 });
    if (g !== undefined) lines.push({ op: "extra", text: g, actualLine: k + 1 });
  }
  return lines;
}

import type { ExpectedRun } from "../content/schema.ts";
import { programOutput } from "../python/output.ts";
import type { RunResult } from "../python/types.ts";

/** How many differing lines a diff shows before it says how many more there are. */
export const MAX_DIFF_LINES = 12;
/** Lines longer than this are shown as a window around the first difference. */
export const LONG_LINE_CHARS = 100;
const WINDOW_CHARS = 30;

/**
 * The comparison checks make: the program prints exactly the block's text (every line of
 * the block ending in a newline, so trailing blank lines count) and ends with its exit
 * status. The one thing forgiven is a missing final newline, which a block cannot show.
 * A run stopped by a limit never matches; the caller reports the limit instead.
 */
export function compareRun(expected: ExpectedRun, result: RunResult): string[] {
  const differences: string[] = [];
  const actual = completeLastLine(programOutput(result));
  if (actual !== expected.output) {
    differences.push(
      `the output block does not match what the code prints\n${lineDiff(expected.output, actual)}`,
    );
  }
  const status = exitStatus(result);
  // An uncaught exception is already in the output; its status 1 matters only when asked for.
  const forgiven = status === 1 && result.exception !== null && expected.exitCode === 0;
  if (status !== expected.exitCode && !forgiven) {
    differences.push(
      expected.exitCode === 0
        ? `the program exited with status ${status}; say so with \`\`\`output exit=${status}`
        : `the program exited with status ${status}, the output block expects exit=${expected.exitCode}`,
    );
  }
  return differences;
}

function exitStatus(result: RunResult): number {
  if (result.exitCode !== undefined) return result.exitCode;
  return result.exception ? 1 : 0;
}

function completeLastLine(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

/**
 * A compact line diff: `-` lines the file expects, `+` lines the code printed. Long lines
 * show the first differing column and a short window around it.
 */
export function lineDiff(expected: string, actual: string): string {
  const want = splitLines(expected);
  const got = splitLines(actual);
  const out: string[] = [];
  const max = Math.max(want.length, got.length);
  let differing = 0;
  for (let i = 0; i < max; i++) {
    if (want[i] === got[i]) continue;
    differing++;
    if (differing > MAX_DIFF_LINES) continue;
    out.push(...lineDifference(i + 1, want[i], got[i]));
  }
  if (differing > MAX_DIFF_LINES)
    out.push(`    ... and ${differing - MAX_DIFF_LINES} more differing lines`);
  if (want.length !== got.length)
    out.push(`    expected ${count(want.length, "line")}, printed ${count(got.length, "line")}`);
  return out.join("\n");
}

function lineDifference(line: number, want: string | undefined, got: string | undefined) {
  const long = (want?.length ?? 0) > LONG_LINE_CHARS || (got?.length ?? 0) > LONG_LINE_CHARS;
  if (!long || want === undefined || got === undefined) {
    return [
      ...(want === undefined ? [] : [`    line ${line} - expected: ${JSON.stringify(want)}`]),
      ...(got === undefined ? [] : [`    line ${line} + printed:  ${JSON.stringify(got)}`]),
    ];
  }
  let column = 0;
  while (column < want.length && want[column] === got[column]) column++;
  const from = Math.max(0, column - WINDOW_CHARS);
  const window = (text: string) =>
    `${from > 0 ? "..." : ""}${JSON.stringify(text.slice(from, column + WINDOW_CHARS))}${
      column + WINDOW_CHARS < text.length ? "..." : ""
    }`;
  return [
    `    line ${line}, column ${column + 1} (of ${want.length} expected, ${got.length} printed characters):`,
    `      - expected: ${window(want)}`,
    `      + printed:  ${window(got)}`,
  ];
}

/** Lines of a text whose lines all end in "\n": "a\n\n" is ["a", ""]. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  return text.replace(/\n$/, "").split("\n");
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

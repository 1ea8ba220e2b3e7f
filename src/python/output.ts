import type { RunResult } from "./types.ts";

/**
 * What the bank means by a program's output: standard output, then the exception line if
 * it ended by raising. Examples and drills are compared against this.
 */
export function programOutput(result: RunResult): string {
  let text = result.stdout;
  if (result.exception) {
    if (text !== "" && !text.endsWith("\n")) text += "\n";
    text += `${result.exception.line}\n`;
  }
  return text;
}

/** Exact comparison, forgiving only the final newline (fenced blocks have none). */
export function outputsMatch(expected: string, actual: string): boolean {
  return expected.replace(/\n$/, "") === actual.replace(/\n$/, "");
}

export function describeLimit(result: RunResult, timeLimitS: number): string | null {
  switch (result.limit) {
    case "time":
      return `stopped: the program ran past the ${timeLimitS} s time limit`;
    case "output":
      return "stopped: the program printed more than 64 KB";
    case "memory":
      return "stopped: the program ran out of its memory allowance";
    case "stopped":
      return "stopped: you stopped the program";
    default:
      return null;
  }
}

import { describeBytes } from "./output-limit.ts";
import { OUTPUT_LIMIT_BYTES, type RunResult } from "./types.ts";

/**
 * What the bank means by a program's output: standard output, then, if it ended by raising,
 * the exception line and its notes as CPython prints them after the traceback. Examples
 * and drills are compared against this.
 */
export function programOutput(result: RunResult): string {
  let text = result.stdout;
  if (result.exception) {
    if (text !== "" && !text.endsWith("\n")) text += "\n";
    text += `${result.exception.line}\n`;
    for (const note of result.exception.notes ?? []) text += `${note}\n`;
  }
  return text;
}

/**
 * Exact comparison of an expected output with what a program printed. The one thing
 * forgiven is a missing final newline in the expectation, since a fenced block cannot
 * show one; blank lines at the end must be there on both sides.
 */
export function outputsMatch(expected: string, actual: string): boolean {
  return actual === expected || actual === `${expected}\n`;
}

/** Whether a run printed `expected`. A run stopped by a limit never matches: its output is cut. */
export function runMatches(expected: string, result: RunResult): boolean {
  return result.limit === null && outputsMatch(expected, programOutput(result));
}

/** `outputLimitBytes`: the cap the run was given, if not the default. */
export function describeLimit(
  result: RunResult,
  timeLimitS: number,
  outputLimitBytes = OUTPUT_LIMIT_BYTES,
): string | null {
  switch (result.limit) {
    case "time":
      return `stopped: the program ran past the ${timeLimitS} s time limit`;
    case "output":
      return `stopped: the program printed more than ${describeBytes(outputLimitBytes)} to stdout or stderr`;
    case "memory":
      return "stopped: the program ran out of its memory allowance";
    case "stopped":
      return "stopped: you stopped the program";
    default:
      return null;
  }
}

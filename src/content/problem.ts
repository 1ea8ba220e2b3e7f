import type { Position } from "./schema.ts";

/** One thing wrong with a content file, said so that an author can fix it. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function problemAt(file: string, at: Position | undefined, message: string): Problem {
  return { file, line: at?.line ?? 1, column: at?.column ?? 1, message };
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

import { type Bank, indexBank } from "./bank.ts";
import { parseQuestion } from "./parse-question.ts";
import { type Problem, problemAt, sortProblems } from "./problem.ts";
import type { BankCatalog, Question } from "./schema.ts";

export interface SourceFile {
  /** Path relative to the bank root, with `/` separators: `fresher/list-vs-tuple.md`. */
  path: string;
  text: string;
}

/** Parses every file and indexes the good ones; problems from all files come back together. */
export function buildBank(
  files: readonly SourceFile[],
  catalog: BankCatalog,
): { bank: Bank; problems: Problem[] } {
  const problems: Problem[] = [];
  const questions: Question[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const result = parseQuestion(file.path, file.text, catalog);
    problems.push(...result.problems);
    const question = result.question;
    if (!question) continue;
    const first = seen.get(question.id);
    if (first) {
      problems.push(
        problemAt(
          file.path,
          { line: 2, column: 1 },
          `duplicate id '${question.id}': ${first} uses it already`,
        ),
      );
      continue;
    }
    seen.set(question.id, file.path);
    questions.push(question);
  }
  return { bank: indexBank(questions, catalog), problems: sortProblems(problems) };
}

import type { Bank } from "../content/bank.ts";
import type { Level, Question } from "../content/schema.ts";

/** Which part of the bank an export holds; an empty list means "all". */
export interface ExportFilter {
  levels?: readonly Level[];
  topics?: readonly string[];
}

/**
 * The questions an export holds, in bank order (level, then id). A question is in when
 * its level is one of `levels` and any of its topics is one of `topics`, as in the Library.
 */
export function selectQuestions(bank: Bank, filter: ExportFilter = {}): Question[] {
  const levels = filter.levels?.length ? new Set(filter.levels) : null;
  const topics = filter.topics?.length ? new Set(filter.topics) : null;
  return bank.questions.filter(
    (q) => (!levels || levels.has(q.level)) && (!topics || q.topics.some((t) => topics.has(t))),
  );
}

/** Called as work advances, so a CLI can draw a bar: `done` of `total` items so far. */
export type ProgressListener = (done: number, total: number) => void;

/**
 * An `await`-able check that gives the event loop a turn once `budgetMs` of work has
 * passed since the last turn, so a long export inside a server never stalls other
 * requests for longer than that.
 */
export function cooperativeYield(budgetMs = 15): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    since = performance.now();
  };
}

import type { BankCatalog, Level, Question, Topic } from "./schema.ts";

/** The whole question bank, indexed the ways the product looks it up. */
export interface Bank extends BankCatalog {
  questions: readonly Question[];
  byId: ReadonlyMap<string, Question>;
  byLevel: ReadonlyMap<Level, readonly Question[]>;
  byTopic: ReadonlyMap<string, readonly Question[]>;
}

/** Questions come sorted by level, then id, so every consumer sees one stable order. */
export function indexBank(questions: readonly Question[], catalog: BankCatalog): Bank {
  const levelRank: Record<Level, number> = { fresher: 0, intermediate: 1, expert: 2 };
  const sorted = [...questions].sort(
    (a, b) => levelRank[a.level] - levelRank[b.level] || a.id.localeCompare(b.id),
  );
  const byId = new Map<string, Question>();
  const byLevel = new Map<Level, Question[]>([
    ["fresher", []],
    ["intermediate", []],
    ["expert", []],
  ]);
  const byTopic = new Map<string, Question[]>(catalog.topics.map((t: Topic) => [t.id, []]));
  for (const question of sorted) {
    byId.set(question.id, question);
    byLevel.get(question.level)?.push(question);
    for (const topic of question.topics) byTopic.get(topic)?.push(question);
  }
  return { ...catalog, questions: sorted, byId, byLevel, byTopic };
}

import type { Question } from "../content/schema.ts";
import type { StudyCard } from "./types.ts";

/**
 * Card ids are built only from the question id and the stable part key
 * (`list-vs-tuple`, `list-vs-tuple/drill-1`), never from text, so rewording a
 * question keeps its card and its whole review history.
 */
export function conceptCardId(questionId: string): string {
  return questionId;
}

export function partCardId(questionId: string, key: string): string {
  return `${questionId}/${key}`;
}

/** Splits a card id back into its question id and part key. */
export function parseCardId(cardId: string): { questionId: string; key?: string } {
  const slash = cardId.indexOf("/");
  if (slash < 0) return { questionId: cardId };
  return { questionId: cardId.slice(0, slash), key: cardId.slice(slash + 1) };
}

/** Every card the bank offers, in bank order: a question's concept card, then its drills, then its exercises. */
export function deriveCards(bank: { readonly questions: readonly Question[] }): StudyCard[] {
  const cards: StudyCard[] = [];
  for (const question of bank.questions) {
    const shared = {
      questionId: question.id,
      level: question.level,
      topics: question.topics,
      difficulty: question.difficulty,
    };
    cards.push({
      ...shared,
      id: conceptCardId(question.id),
      kind: "concept",
      title: question.question,
    });
    for (const drill of question.drills) {
      const id = partCardId(question.id, drill.key);
      cards.push({ ...shared, id, kind: "drill", key: drill.key, title: drill.title });
    }
    for (const exercise of question.exercises) {
      const id = partCardId(question.id, exercise.key);
      cards.push({ ...shared, id, kind: "exercise", key: exercise.key, title: exercise.title });
    }
  }
  return cards;
}

/**
 * Card ids that have history but are no longer in the bank. They are reported so the
 * UI can say so; their states and reviews stay in the store untouched, and come back
 * to life if the card returns.
 */
export function retiredCardIds(
  cards: readonly StudyCard[],
  knownCardIds: Iterable<string>,
): string[] {
  const active = new Set(cards.map((card) => card.id));
  const retired = new Set<string>();
  for (const id of knownCardIds) if (!active.has(id)) retired.add(id);
  return [...retired].sort();
}

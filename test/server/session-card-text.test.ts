import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadBank } from "../../src/content/read-bank.ts";
import { buildBankView } from "../../src/server/bank-view.ts";
import { sessionCardJson, sessionCardText } from "../../src/server/study-json.ts";
import type { CardState, CardStatus } from "../../src/study/types.ts";

const { bank } = await loadBank();
const view = buildBankView(bank);

function stateOf(cardId: string, status: CardStatus, lastReview: Date | null): CardState {
  return {
    cardId,
    status,
    due: new Date("2026-12-03T10:11:12.345Z"),
    stability: 3.25,
    difficulty: 6.1,
    elapsedDays: 2,
    scheduledDays: 4,
    learningSteps: 1,
    reps: 5,
    lapses: 1,
    lastReview,
    introducedAt: new Date("2026-11-01T00:00:00Z"),
  };
}

describe("a session card as JSON text", () => {
  it("is JSON.stringify of the card's object, for every card of the bank and every kind of state", () => {
    expect(view.cards.length).toBeGreaterThan(100);
    for (const card of view.cards) {
      const states = [
        undefined,
        stateOf(card.id, "new", null),
        stateOf(card.id, "learning", null),
        stateOf(card.id, "review", new Date("2026-12-01T08:00:00Z")),
        stateOf(card.id, "relearning", new Date("2026-12-02T08:00:00Z")),
      ];
      for (const state of states) {
        // Twice: the first call makes the card's text, the second reuses it.
        for (let i = 0; i < 2; i++) {
          expect(sessionCardText(view, card, state)).toBe(
            JSON.stringify(sessionCardJson(view, card, state)),
          );
        }
      }
    }
  });

  it("is JSON.stringify of the card's object for any numbers and dates a state holds", () => {
    const [card] = view.cards;
    if (!card) throw new Error("no cards");
    const date = fc.date({
      min: new Date("1970-01-01"),
      max: new Date("9999-12-31"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom<CardStatus>("learning", "review", "relearning"),
          due: date,
          stability: fc.double(),
          difficulty: fc.double(),
          reps: fc.integer({ min: 0 }),
          lapses: fc.integer({ min: 0 }),
          lastReview: fc.option(date),
        }),
        (fields) => {
          const state = { ...stateOf(card.id, fields.status, null), ...fields };
          expect(sessionCardText(view, card, state)).toBe(
            JSON.stringify(sessionCardJson(view, card, state)),
          );
        },
      ),
    );
  });

  it("is made per bank view: a second view of another bank does not reuse the first's text", () => {
    const [card] = view.cards;
    if (!card) throw new Error("no cards");
    const questions = bank.questions.map((q) =>
      q.id === card.questionId ? { ...q, question: `${q.question} (edited)` } : q,
    );
    const renamed = buildBankView({
      ...bank,
      questions,
      byId: new Map(questions.map((q) => [q.id, q])),
    });
    sessionCardText(view, card, undefined);
    const other = renamed.cards.find((c) => c.id === card.id);
    if (!other) throw new Error("card missing");
    expect(JSON.parse(sessionCardText(renamed, other, undefined)).question).toMatch(/\(edited\)$/);
  });
});

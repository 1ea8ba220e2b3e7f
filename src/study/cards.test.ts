import { describe, expect, it } from "vitest";
import { deriveCards, parseCardId, retiredCardIds } from "./cards.ts";
import { makeQuestion } from "./test-fixtures.ts";

describe("deriveCards", () => {
  it("makes one concept card per question and one per drill and exercise", () => {
    const bank = {
      questions: [
        makeQuestion("list-vs-tuple", { drills: 2, exercises: 1, topics: ["types", "data"] }),
        makeQuestion("gil", { level: "expert", difficulty: 3 }),
      ],
    };
    const cards = deriveCards(bank);
    expect(cards.map((card) => [card.id, card.kind, card.key])).toEqual([
      ["list-vs-tuple", "concept", undefined],
      ["list-vs-tuple/drill-1", "drill", "drill-1"],
      ["list-vs-tuple/drill-2", "drill", "drill-2"],
      ["list-vs-tuple/exercise-1", "exercise", "exercise-1"],
      ["gil", "concept", undefined],
    ]);
    expect(cards[3]).toMatchObject({
      questionId: "list-vs-tuple",
      level: "fresher",
      topics: ["types", "data"],
      difficulty: 1,
    });
    expect(cards[4]).toMatchObject({ level: "expert", difficulty: 3, title: "What is gil?" });
  });

  it("keeps card ids when a question's text changes", () => {
    const before = deriveCards({ questions: [makeQuestion("q", { drills: 1, question: "Old?" })] });
    const after = deriveCards({ questions: [makeQuestion("q", { drills: 1, question: "New?" })] });
    expect(after.map((card) => card.id)).toEqual(before.map((card) => card.id));
    expect(after[0]?.title).toBe("New?");
  });
});

describe("retiredCardIds", () => {
  it("reports cards with history that left the bank, once each", () => {
    const cards = deriveCards({ questions: [makeQuestion("q", { drills: 1 })] });
    expect(retiredCardIds(cards, ["q", "gone/drill-3", "gone", "gone"])).toEqual([
      "gone",
      "gone/drill-3",
    ]);
    expect(retiredCardIds(cards, ["q", "q/drill-1"])).toEqual([]);
  });
});

describe("parseCardId", () => {
  it("splits question id and part key", () => {
    expect(parseCardId("q")).toEqual({ questionId: "q" });
    expect(parseCardId("q/drill-2")).toEqual({ questionId: "q", key: "drill-2" });
  });
});

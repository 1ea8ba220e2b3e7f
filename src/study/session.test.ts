import { describe, expect, it } from "vitest";
import { deriveCards } from "./cards.ts";
import { buildSession, introductionOrder } from "./session.ts";
import { makeQuestion, reviewedState } from "./test-fixtures.ts";
import type { CardState, StudySettings } from "./types.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date("2025-03-10T12:00:00Z");
const all: StudySettings = { dailyNewLimit: 100, desiredRetention: 0.9, levels: [], topics: [] };

const bank = {
  questions: [
    makeQuestion("f-lists", { topics: ["data"], drills: 1 }),
    makeQuestion("f-dicts", { topics: ["data"], difficulty: 2 }),
    makeQuestion("f-loops", { topics: ["control"], exercises: 1 }),
    makeQuestion("i-comprehensions", { level: "intermediate", topics: ["data", "control"] }),
    makeQuestion("e-gil", { level: "expert", topics: ["concurrency"] }),
    makeQuestion("e-hash-internals", { level: "expert", topics: ["data"] }),
  ],
};
const cards = deriveCards(bank);
const ids = (items: { card: { id: string } }[]) => items.map((item) => item.card.id);

describe("buildSession: due cards", () => {
  const states: CardState[] = [
    reviewedState("f-dicts", { due: new Date(now.getTime() - 1 * DAY) }),
    reviewedState("e-gil", { due: new Date(now.getTime() - 5 * DAY) }),
    reviewedState("f-lists", { due: new Date(now.getTime() - HOUR) }),
    reviewedState("f-loops", { due: new Date(now.getTime() + HOUR) }),
    reviewedState("removed-question", { due: new Date(now.getTime() - 9 * DAY) }),
  ];

  it("lists due cards most overdue first, and leaves out cards not yet due or retired", () => {
    const session = buildSession({ cards, states, now, settings: { ...all, dailyNewLimit: 0 } });
    expect(ids(session.due)).toEqual(["e-gil", "f-dicts", "f-lists"]);
    expect(session.due[0]?.state?.cardId).toBe("e-gil");
    expect(session.newCards).toEqual([]);
    expect(ids(session.items)).toEqual(ids(session.due));
  });

  it("puts due cards before new ones", () => {
    const session = buildSession({ cards, states, now, settings: { ...all, dailyNewLimit: 2 } });
    expect(ids(session.items)).toEqual([
      "e-gil",
      "f-dicts",
      "f-lists",
      // f-loops and f-lists have been seen; their drill and exercise are still new
      "f-loops/exercise-1",
      "f-lists/drill-1",
    ]);
  });

  it("counts learning cards that fall due later today", () => {
    const learning: CardState = {
      ...reviewedState("i-comprehensions", { due: new Date(now.getTime() + 10 * 60_000) }),
      status: "learning",
    };
    const session = buildSession({ cards, states: [...states, learning], now, settings: all });
    expect(session.dueLaterToday).toBe(1);
    expect(ids(session.due)).not.toContain("i-comprehensions");
  });
});

describe("buildSession: the daily new-card limit", () => {
  const introduced = (cardId: string, at: Date): CardState =>
    reviewedState(cardId, {
      due: new Date(now.getTime() + 3 * DAY),
      lastReview: at,
      introducedAt: at,
    });

  it("offers the limit minus the new cards already introduced today", () => {
    const states = [
      introduced("f-lists", new Date(now.getTime() - 2 * HOUR)),
      introduced("f-dicts", new Date(now.getTime() - 3 * HOUR)),
      introduced("f-loops", new Date(now.getTime() - 2 * DAY)),
    ];
    const session = buildSession({ cards, states, now, settings: { ...all, dailyNewLimit: 3 } });
    expect(session.newIntroducedToday).toBe(2);
    expect(session.newLimit).toBe(3);
    expect(ids(session.newCards)).toEqual(["f-loops/exercise-1"]);
  });

  it("offers none once the limit is used up, and never a negative number", () => {
    const states = [
      introduced("f-lists", new Date(now.getTime() - HOUR)),
      introduced("f-dicts", new Date(now.getTime() - HOUR)),
    ];
    const session = buildSession({ cards, states, now, settings: { ...all, dailyNewLimit: 1 } });
    expect(session.newCards).toEqual([]);
  });

  it("decides what 'today' is in the candidate's time zone", () => {
    // 11:00 UTC on the 10th is already the 11th in UTC+14, and `now` too.
    const states = [introduced("f-lists", new Date("2025-03-10T09:00:00Z"))];
    const settings = { ...all, dailyNewLimit: 1 };
    expect(buildSession({ cards, states, now, settings }).newIntroducedToday).toBe(1);
    const east = buildSession({ cards, states, now, settings, timeZoneOffsetMinutes: 14 * 60 });
    expect(east.newIntroducedToday).toBe(0);
    expect(east.newCards).toHaveLength(1);
  });

  it("treats a stored state with status new as a new card", () => {
    const fresh: CardState = { ...reviewedState("f-lists", { due: now }), status: "new", reps: 0 };
    const session = buildSession({ cards, states: [fresh], now, settings: all });
    expect(ids(session.due)).toEqual([]);
    expect(ids(session.newCards)).toContain("f-lists");
  });
});

describe("buildSession: filters", () => {
  it("keeps only the levels and topics in rotation", () => {
    const session = buildSession({
      cards,
      states: [],
      now,
      settings: { ...all, levels: ["fresher", "intermediate"], topics: ["control"] },
    });
    expect(ids(session.newCards)).toEqual(["f-loops", "f-loops/exercise-1", "i-comprehensions"]);
  });

  it("lets explicit filters override the rotation, for due cards too", () => {
    const states = [
      reviewedState("e-gil", { due: new Date(now.getTime() - DAY) }),
      reviewedState("f-lists", { due: new Date(now.getTime() - DAY) }),
    ];
    const session = buildSession({
      cards,
      states,
      now,
      settings: { ...all, levels: ["fresher"] },
      filters: { levels: ["expert"] },
    });
    expect(ids(session.due)).toEqual(["e-gil"]);
    expect(ids(session.newCards)).toEqual(["e-hash-internals"]);
  });
});

describe("introductionOrder", () => {
  it("goes fresher, intermediate, expert; topics take turns; easier first; concept card first", () => {
    expect(introductionOrder(cards).map((card) => card.id)).toEqual([
      // fresher: topic "control" then "data" take turns; in "data" difficulty 1 before 2
      "f-loops",
      "f-loops/exercise-1",
      "f-lists",
      "f-lists/drill-1",
      "f-dicts",
      "i-comprehensions",
      "e-gil",
      "e-hash-internals",
    ]);
  });

  it("puts a question's concept card before its drills even when given shuffled", () => {
    const shuffled = [...cards].reverse();
    const order = introductionOrder(shuffled).map((card) => card.id);
    expect(order.indexOf("f-lists")).toBeLessThan(order.indexOf("f-lists/drill-1"));
    expect(order).toEqual(introductionOrder(cards).map((card) => card.id));
  });
});

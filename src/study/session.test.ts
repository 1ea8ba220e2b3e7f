import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LEVELS, type Level } from "../content/schema.ts";
import { deriveCards } from "./cards.ts";
import { buildSession, introductionOrder, type Session, type SessionInput } from "./session.ts";
import { makeQuestion, reviewedState } from "./test-fixtures.ts";
import { localDayNumber, localDayStart } from "./time.ts";
import { CARD_STATUSES, type CardState, type StudyCard, type StudySettings } from "./types.ts";

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

/**
 * The session as it was first written: every new card put in introduction order, then
 * cut to the day's room. `buildSession` must give exactly this for any input.
 */
function referenceSession(input: SessionInput): Session {
  const offset = input.timeZoneOffsetMinutes ?? 0;
  const today = localDayNumber(input.now, offset);
  const endOfToday = localDayStart(today + 1, offset).getTime();
  const stateById = new Map<string, CardState>();
  let newIntroducedToday = 0;
  for (const state of input.states) {
    stateById.set(state.cardId, state);
    if (state.introducedAt && localDayNumber(state.introducedAt, offset) === today) {
      newIntroducedToday++;
    }
  }
  const chosen = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) =>
    a?.length ? new Set(a) : b?.length ? new Set(b) : null;
  const levels = chosen(input.filters?.levels, input.settings.levels);
  const topics = chosen(input.filters?.topics, input.settings.topics);
  const due: { card: StudyCard; state: CardState }[] = [];
  const fresh: StudyCard[] = [];
  let dueLaterToday = 0;
  for (const card of input.cards) {
    if (levels && !levels.has(card.level)) continue;
    if (topics && !card.topics.some((t) => topics.has(t))) continue;
    const state = stateById.get(card.id);
    if (!state || state.status === "new") {
      fresh.push(card);
      continue;
    }
    const dueMs = state.due.getTime();
    if (dueMs <= input.now.getTime()) due.push({ card, state });
    else if (dueMs < endOfToday && state.status !== "review") dueLaterToday++;
  }
  due.sort(
    (a, b) =>
      a.state.due.getTime() - b.state.due.getTime() ||
      (a.card.id < b.card.id ? -1 : a.card.id > b.card.id ? 1 : 0),
  );
  const newLimit = Math.max(0, input.settings.dailyNewLimit);
  const newCards = introductionOrder(fresh)
    .slice(0, Math.max(0, newLimit - newIntroducedToday))
    .map((card) => ({ card, state: stateById.get(card.id) }));
  return {
    due,
    newCards,
    items: [...due, ...newCards],
    newIntroducedToday,
    newLimit,
    dueLaterToday,
  };
}

describe("buildSession against the reference on generated input", () => {
  const TOPICS = ["data", "control", "text", "io", "oop"];
  const T0 = Date.parse("2025-03-10T00:00:00Z");
  const level = fc.constantFrom(...LEVELS);
  const topicList = fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 3 });
  const difficulty = fc.constantFrom(1 as const, 2 as const, 3 as const);
  const instant = fc.integer({ min: T0 - 40 * DAY, max: T0 + 40 * DAY });

  /** Questions as the bank makes them: a question's cards share level, topics, difficulty. */
  const bankCards = fc
    .uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-f]{1,4}$/),
        level,
        topics: topicList,
        difficulty,
        drills: fc.nat(3),
        exercises: fc.nat(2),
      }),
      { selector: (q) => q.id, maxLength: 30 },
    )
    .map((questions) => deriveCards({ questions: questions.map((q) => makeQuestion(q.id, q)) }));

  /** Anything a caller could pass: cards of one question that disagree, repeated ids. */
  const looseCards = fc.array(
    fc.record({
      id: fc.stringMatching(/^[a-c]{1,2}(\/[xy])?$/),
      questionId: fc.constantFrom("a", "b", "c", "ab"),
      kind: fc.constantFrom("concept" as const, "drill" as const, "exercise" as const),
      level,
      topics: topicList,
      difficulty,
      title: fc.constant("t"),
    }),
    { maxLength: 25 },
  );

  const inputFor = (cards: StudyCard[]) =>
    fc.record({
      states: fc.array(
        fc.record({
          cardId: cards.length
            ? fc.oneof(fc.constantFrom(...cards.map((c) => c.id)), fc.constant("retired"))
            : fc.constant("retired"),
          status: fc.constantFrom(...CARD_STATUSES),
          due: instant,
          introducedAt: fc.option(instant),
        }),
        { maxLength: cards.length + 3 },
      ),
      now: instant,
      offset: fc.integer({ min: -12 * 60, max: 14 * 60 }),
      dailyNewLimit: fc.integer({ min: -1, max: 12 }),
      levels: fc.uniqueArray(level),
      topics: fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 2 }),
      filterLevels: fc.option(fc.uniqueArray(level)),
      filterTopics: fc.option(fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 2 })),
    });

  type Generated = ReturnType<typeof inputFor> extends fc.Arbitrary<infer G> ? G : never;
  const check = (cards: StudyCard[], g: Generated) => {
    const input: SessionInput = {
      cards,
      states: g.states.map((s) => ({
        ...reviewedState(s.cardId, { due: new Date(s.due) }),
        status: s.status,
        introducedAt: s.introducedAt === null ? null : new Date(s.introducedAt),
      })),
      now: new Date(g.now),
      settings: { dailyNewLimit: g.dailyNewLimit, levels: g.levels as Level[], topics: g.topics },
      filters: {
        ...(g.filterLevels ? { levels: g.filterLevels as Level[] } : {}),
        ...(g.filterTopics ? { topics: g.filterTopics } : {}),
      },
      timeZoneOffsetMinutes: g.offset,
    };
    const fast = buildSession(input);
    expect(fast).toEqual(referenceSession(input));
    // Built again from the arrangement kept for this very array: still the same.
    expect(buildSession(input)).toEqual(fast);
  };

  it("matches on banks as deriveCards makes them", () => {
    fc.assert(
      fc.property(
        bankCards.chain((cards) => fc.tuple(fc.constant(cards), inputFor(cards))),
        ([cards, g]) => check(cards, g),
      ),
      { numRuns: 300 },
    );
  });

  it("matches on cards that break the bank's rules", () => {
    fc.assert(
      fc.property(
        looseCards.chain((cards) => fc.tuple(fc.constant(cards), inputFor(cards))),
        ([cards, g]) => check(cards, g),
      ),
      { numRuns: 300 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Level } from "../../content/schema.ts";
import { eligibleQuestions, planMock } from "./planner.ts";
import type { MockBudget, MockSetup, PlannerQuestion } from "./types.ts";

const LEVELS: Level[] = ["fresher", "intermediate", "expert"];
const TOPICS = ["alpha", "beta", "gamma", "delta", "eps", "zeta"];

/** Every topic × level × difficulty twice, minutes 2 to 10: a bank where balance is possible. */
function gridBank(): PlannerQuestion[] {
  const questions: PlannerQuestion[] = [];
  let n = 0;
  for (const topic of TOPICS) {
    for (const level of LEVELS) {
      for (const difficulty of [1, 2, 3] as const) {
        for (const copy of [1, 2]) {
          questions.push({
            id: `${topic}-${level}-${difficulty}-${copy}`,
            level,
            topics:
              copy === 2 ? [topic, TOPICS[(TOPICS.indexOf(topic) + 1) % 6] ?? topic] : [topic],
            difficulty,
            minutes: 2 + (n++ % 9),
            title: `Question ${n}`,
            drillKeys: ["drill-1", "drill-2"],
            exerciseKeys: n % 3 === 0 ? [] : ["exercise-1"],
          });
        }
      }
    }
  }
  return questions;
}

const BANK = gridBank();
const setup = (budget: MockBudget, extra: Partial<MockSetup> = {}): MockSetup => ({
  levels: [],
  topics: [],
  budget,
  includeExercises: false,
  preferWeakTopics: false,
  seed: 42,
  ...extra,
});
const counts = <T>(values: readonly T[]) => {
  const map = new Map<T, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
};
const spread = (map: Map<unknown, number>, keys: readonly unknown[]) => {
  const values = keys.map((k) => map.get(k) ?? 0);
  return Math.max(...values) - Math.min(...values);
};

const arbSetup = fc.record({
  levels: fc.subarray(LEVELS),
  topics: fc.subarray(TOPICS),
  budget: fc.oneof(
    fc.record({ kind: fc.constant("minutes" as const), minutes: fc.integer({ min: 5, max: 180 }) }),
    fc.record({ kind: fc.constant("questions" as const), count: fc.integer({ min: 1, max: 40 }) }),
  ),
  includeExercises: fc.boolean(),
  preferWeakTopics: fc.boolean(),
  seed: fc.integer({ min: 0, max: 0xffff_ffff }),
});

describe("planMock: properties", () => {
  it("respects the budget, and stops only when nothing else fits", () => {
    fc.assert(
      fc.property(arbSetup, (s) => {
        const plan = planMock({ questions: BANK, setup: s });
        const eligible = eligibleQuestions(BANK, s);
        const ids = plan.items.map((item) => item.questionId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(plan.totalMinutes).toBe(plan.items.reduce((sum, item) => sum + item.minutes, 0));
        if (s.budget.kind === "minutes") {
          expect(plan.totalMinutes).toBeLessThanOrEqual(s.budget.minutes);
          expect(plan.timeLimitMinutes).toBe(s.budget.minutes);
          const left = s.budget.minutes - plan.totalMinutes;
          const unused = eligible.filter((q) => !ids.includes(q.id));
          expect(unused.some((q) => q.minutes <= left)).toBe(false);
        } else {
          expect(plan.items).toHaveLength(Math.min(s.budget.count, eligible.length));
          expect(plan.timeLimitMinutes).toBe(plan.totalMinutes);
        }
        for (const item of plan.items) {
          const q = BANK.find((x) => x.id === item.questionId);
          expect(q && eligible.includes(q)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is a function of its input: same set-up, same plan, whatever the bank's order", () => {
    fc.assert(
      fc.property(arbSetup, fc.integer({ min: 0, max: 1000 }), (s, rotate) => {
        const rotated = [
          ...BANK.slice(rotate % BANK.length),
          ...BANK.slice(0, rotate % BANK.length),
        ];
        const a = planMock({ questions: BANK, setup: s });
        const b = planMock({ questions: rotated, setup: s });
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it("balances topics, levels and difficulties when the bank allows it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 18 }), fc.nat(), (count, seed) => {
        const plan = planMock({
          questions: BANK,
          setup: setup({ kind: "questions", count }, { seed }),
        });
        const items = plan.items;
        expect(spread(counts(items.map((i) => i.topics[0])), TOPICS)).toBeLessThanOrEqual(1);
        expect(spread(counts(items.map((i) => i.level)), LEVELS)).toBeLessThanOrEqual(1);
        // Difficulty comes after topic and level, so the last picks of a bank used up can be
        // forced: a difference of 2 is possible only then (count 18 here).
        const difficulty = spread(counts(items.map((i) => i.difficulty)), [1, 2, 3]);
        expect(difficulty).toBeLessThanOrEqual(count <= 12 ? 1 : 2);
      }),
      { numRuns: 500 },
    );
  });

  it("repeats nothing from the last mocks while unseen questions remain", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (count, seed) => {
        const recent = [BANK.slice(0, 30).map((q) => q.id), BANK.slice(30, 70).map((q) => q.id)];
        const unseen = BANK.length - 70;
        const plan = planMock({
          questions: BANK,
          setup: setup({ kind: "questions", count }, { seed }),
          recentMocks: recent,
        });
        const seenPicked = plan.items.filter((item) => recent.flat().includes(item.questionId));
        expect(seenPicked.length).toBe(Math.max(0, count - unseen));
        // When repeats are unavoidable they come from the older mock first.
        const fromLast = seenPicked.filter((item) => recent[0]?.includes(item.questionId));
        if (fromLast.length > 0) expect(seenPicked.length).toBeGreaterThan(40);
      }),
      { numRuns: 100 },
    );
  });
});

describe("planMock: fixed seeds", () => {
  it("gives different seeds different plans, and pins seed 42", () => {
    const a = planMock({ questions: BANK, setup: setup({ kind: "minutes", minutes: 30 }) });
    const b = planMock({
      questions: BANK,
      setup: setup({ kind: "minutes", minutes: 30 }, { seed: 43 }),
    });
    expect(a.items.map((i) => i.questionId)).not.toEqual(b.items.map((i) => i.questionId));
    expect(a.seed).toBe(42);
    expect(a.totalMinutes).toBeLessThanOrEqual(30);
    expect(a.totalMinutes).toBeGreaterThanOrEqual(28);
    expect(a.items.map((i) => i.questionId)).toMatchInlineSnapshot(`
      [
        "zeta-fresher-1-2",
        "delta-intermediate-2-1",
        "eps-intermediate-3-1",
        "gamma-expert-1-1",
        "alpha-expert-3-1",
      ]
    `);
  });

  it("orders the interview easier first", () => {
    const plan = planMock({ questions: BANK, setup: setup({ kind: "questions", count: 12 }) });
    const rank = plan.items.map((i) => LEVELS.indexOf(i.level) * 10 + i.difficulty);
    expect(rank).toEqual([...rank].sort((x, y) => x - y));
  });

  it("leans towards weak topics when asked, and only then", () => {
    const weakness = new Map([["gamma", 1]]);
    const leaning = planMock({
      questions: BANK,
      setup: setup({ kind: "questions", count: 12 }, { preferWeakTopics: true }),
      weakness,
    });
    const byTopic = counts(leaning.items.map((i) => i.topics[0]));
    for (const topic of TOPICS.filter((t) => t !== "gamma")) {
      expect(byTopic.get("gamma") ?? 0).toBeGreaterThan(byTopic.get(topic) ?? 0);
    }
    const plain = planMock({
      questions: BANK,
      setup: setup({ kind: "questions", count: 12 }),
      weakness,
    });
    expect(spread(counts(plain.items.map((i) => i.topics[0])), TOPICS)).toBe(0);
  });

  it("puts coding exercises in when asked, on gradable exercises only", () => {
    const withCode = planMock({
      questions: BANK,
      setup: setup({ kind: "questions", count: 9 }, { includeExercises: true }),
    });
    const exercises = withCode.items.filter((i) => i.kind === "exercise");
    expect(exercises).toHaveLength(3);
    for (const item of exercises) {
      const q = BANK.find((x) => x.id === item.questionId);
      expect(q?.exerciseKeys).toContain(item.key);
      expect(item.cardId).toBe(`${item.questionId}/${item.key}`);
    }
    const without = planMock({ questions: BANK, setup: setup({ kind: "questions", count: 9 }) });
    expect(without.items.some((i) => i.kind === "exercise")).toBe(false);
    const drills = without.items.filter((i) => i.kind === "drill");
    expect(drills.length).toBe(2);
    for (const item of without.items.filter((i) => i.kind === "concept")) {
      expect(item.cardId).toBe(item.questionId);
    }
  });

  it("answers an empty plan when nothing matches or nothing fits", () => {
    expect(
      planMock({ questions: BANK, setup: setup({ kind: "minutes", minutes: 1 }) }).items,
    ).toEqual([]);
    expect(
      planMock({ questions: [], setup: setup({ kind: "questions", count: 5 }) }).items,
    ).toEqual([]);
  });
});

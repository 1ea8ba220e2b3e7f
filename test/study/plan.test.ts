import { describe, expect, it } from "vitest";
import type { Level } from "../../src/content/schema.ts";
import {
  buildPlan,
  computeReadiness,
  followPlan,
  interviewMoment,
  MIN_REPS_BEFORE,
  measuredPace,
  type PlanCard,
  type PlanInput,
  recallAt,
} from "../../src/study/plan/index.ts";
import { reviewPath } from "../../src/study/plan/simulate.ts";
import { schedule } from "../../src/study/scheduler.ts";
import type { SessionItem } from "../../src/study/session.ts";
import type { CardState } from "../../src/study/types.ts";

const BUDGET_SMALL = 11;
const NOW = new Date("2026-03-02T08:00:00.000Z"); // a Monday
const DAY = 86_400_000;

/** `count` questions per topic, each a concept card and a drill, 4 minutes a question. */
function bank(topics: string[], count: number, level: Level = "fresher"): PlanCard[] {
  const cards: PlanCard[] = [];
  for (const topic of topics) {
    for (let i = 0; i < count; i++) {
      const questionId = `${topic}-${i}`;
      const shared = { questionId, level, topics: [topic], difficulty: 1 as const, minutes: 2 };
      cards.push({ ...shared, id: questionId, kind: "concept", title: questionId });
      cards.push({
        ...shared,
        id: `${questionId}/drill-1`,
        kind: "drill",
        key: "drill-1",
        title: questionId,
      });
    }
  }
  return cards;
}

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    cards: bank(["data", "funcs", "oop"], 6),
    states: [],
    now: NOW,
    offsetMinutes: 0,
    interviewDate: "2026-03-16",
    scope: { levels: ["fresher"], topics: [] },
    budget: { minutesPerDay: 30 },
    desiredRetention: 0.9,
    ...overrides,
  };
}

/** A card studied with Good ratings on the given days (offsets from NOW). */
function studied(cardId: string, dayOffsets: number[]): CardState {
  let state: CardState | undefined;
  for (const offset of dayOffsets) {
    state = schedule(cardId, state, "good", new Date(NOW.getTime() + offset * DAY), {
      desiredRetention: 0.9,
    }).state;
  }
  return state as CardState;
}

describe("buildPlan", () => {
  it("covers a scope that fits, within the daily budget, every card with several reviews", () => {
    const plan = buildPlan(input());
    expect(plan.feasible).toBe(true);
    expect(plan.message).toBeNull();
    expect(plan.daysLeft).toBe(14);
    expect(plan.days).toHaveLength(14);
    expect(plan.days[0]?.date).toBe("2026-03-02");
    const placed = plan.days.flatMap((d) => d.newCardIds);
    expect(placed).toHaveLength(36);
    expect(new Set(placed).size).toBe(36);
    for (const day of plan.days) expect(day.minutes).toBeLessThanOrEqual(day.budget);
    // Every card's own FSRS path gives it MIN_REPS_BEFORE reps on two or more days before the date.
    const interviewDay = Math.floor(Date.parse("2026-03-16") / DAY);
    const today = Math.floor(NOW.getTime() / DAY);
    for (const day of plan.days) {
      if (day.newCardIds.length === 0) continue;
      const path = reviewPath(undefined, today + day.index, today, interviewDay, 0, 0.9);
      const reps = [...path.repsByDay.values()].reduce((a, b) => a + b, 0);
      expect(reps).toBeGreaterThanOrEqual(MIN_REPS_BEFORE);
      expect(path.repsByDay.size).toBeGreaterThanOrEqual(2);
    }
  });

  it("keeps the last days for review and schedules a baseline, a midway and a final mock", () => {
    const plan = buildPlan(input({ budget: { minutesPerDay: 240 } }));
    expect(plan.mocks.map((m) => [m.label, m.date])).toEqual([
      ["baseline", "2026-03-02"],
      ["midway", "2026-03-09"],
      ["final", "2026-03-14"],
    ]);
    for (const day of plan.days.slice(-3)) expect(day.newCardIds).toEqual([]);
    expect(plan.days.at(-1)?.kind).toBe("review");
    expect(plan.days[12]?.kind).toBe("mock");
    // A big budget puts everything up front: nothing waits for no reason.
    expect(plan.days[0]?.newCardIds).toHaveLength(36);
  });

  it("respects a per-weekday budget, a zero day getting nothing", () => {
    // Sunday 0, weekdays 20, Saturday 60.
    const plan = buildPlan(
      input({ budget: { minutesPerDay: 30, byWeekday: [0, 20, 20, 20, 20, 20, 60] } }),
    );
    for (const day of plan.days) expect(day.minutes).toBeLessThanOrEqual(day.budget);
    const sunday = plan.days.find((d) => d.date === "2026-03-08");
    expect(sunday?.budget).toBe(0);
    expect(sunday?.newCardIds).toEqual([]);
    expect(sunday?.minutes).toBe(0);
  });

  it("front-loads the weakest topic", () => {
    // The candidate already knows most of "data" and "funcs"; "oop" is untouched.
    const cards = bank(["data", "funcs", "oop"], 3);
    const states = cards
      .filter((c) => !c.topics.includes("oop") && !c.questionId.endsWith("-2"))
      .map((c) => studied(c.id, [-20, -18, -8]));
    const plan = buildPlan(input({ cards, states, budget: { minutesPerDay: 12 } }));
    const first = plan.days[0]?.newCardIds ?? [];
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((id) => id.startsWith("oop-"))).toBe(true);
  });

  it("says plainly when the budget cannot cover the scope, and what would", () => {
    const tight = input({
      cards: bank(["data", "funcs", "oop", "io"], 12),
      budget: { minutesPerDay: 20 },
    });
    const plan = buildPlan(tight);
    expect(plan.feasible).toBe(false);
    expect(plan.scope.placedNewCards).toBeLessThan(plan.scope.newCards);
    for (const day of plan.days) expect(day.minutes).toBeLessThanOrEqual(day.budget);
    const extra = plan.suggestion?.extraMinutesPerDay as number;
    expect(extra).toBeGreaterThan(0);
    expect(plan.message).toContain(`${extra} more minute${extra === 1 ? "" : "s"} a day`);
    expect(plan.message).toContain(
      `fits ${plan.scope.placedNewCards} of the ${plan.scope.newCards}`,
    );
    // The suggestion is the least that works: that many more fits, one fewer does not.
    expect(buildPlan({ ...tight, budget: { minutesPerDay: 20 + extra } }).feasible).toBe(true);
    expect(buildPlan({ ...tight, budget: { minutesPerDay: 20 + extra - 1 } }).feasible).toBe(false);
    // Dropping the proposed topics makes the rest fit as the budget stands.
    const drop = plan.suggestion?.dropTopics ?? [];
    expect(drop.length).toBeGreaterThan(0);
    const kept = ["data", "funcs", "oop", "io"].filter((t) => !drop.includes(t));
    expect(buildPlan({ ...tight, scope: { levels: ["fresher"], topics: kept } }).feasible).toBe(
      true,
    );
  });

  it("proposes dropping the lightest topic first", () => {
    const cards = [...bank(["big"], 12), ...bank(["small"], 2)];
    const plan = buildPlan(input({ cards, budget: { minutesPerDay: BUDGET_SMALL } }));
    expect(plan.feasible).toBe(false);
    expect(plan.suggestion?.dropTopics).toEqual(["small"]);
  });

  it("says a date too close leaves no time for reviews", () => {
    const plan = buildPlan(input({ interviewDate: "2026-03-03" }));
    expect(plan.feasible).toBe(false);
    expect(plan.message).toMatch(/too close/);
    expect(plan.days.flatMap((d) => d.newCardIds)).toEqual([]);
  });

  it("is deterministic", () => {
    expect(buildPlan(input())).toEqual(buildPlan(input()));
  });

  it("re-plans after a missed day: same constraints, the work moved to the days left", () => {
    const plan = buildPlan(input());
    // The candidate did nothing on day 0; a day later the plan starts from the same state.
    const later = buildPlan(input({ now: new Date(NOW.getTime() + DAY) }));
    expect(later.daysLeft).toBe(13);
    expect(later.days[0]?.date).toBe("2026-03-03");
    expect(later.feasible).toBe(true);
    for (const day of later.days) expect(day.minutes).toBeLessThanOrEqual(day.budget);
    expect(later.days.flatMap((d) => d.newCardIds).sort()).toEqual(
      plan.days.flatMap((d) => d.newCardIds).sort(),
    );
    // The baseline mock moves to the new first day; its new cards are still there.
    expect(later.mocks[0]).toMatchObject({ label: "baseline", date: "2026-03-03" });
    expect(later.days[0]?.newCardIds.length).toBeGreaterThan(0);
  });

  it("counts cards studied today as today's and does not plan them again", () => {
    const plan = buildPlan(input());
    const done = (plan.days[0]?.newCardIds ?? []).slice(0, 4);
    const states = done.map((id) => studied(id, [0.01]));
    const after = buildPlan(input({ states, now: new Date(NOW.getTime() + 3_600_000) }));
    expect(after.days[0]?.newCardIds.slice(0, 4).sort()).toEqual([...done].sort());
    expect(after.days.flatMap((d) => d.newCardIds)).toHaveLength(36);
    expect(after.days[0]?.minutes).toBeLessThanOrEqual(30);
  });

  it("uses the candidate's measured pace", () => {
    const slow = buildPlan(input({ pace: { newMinutes: 6, reviewMinutes: 2 } }));
    expect(slow.feasible).toBe(false);
    const pace = measuredPace([
      ...Array.from({ length: 5 }, () => ({ durationMs: 120_000, previousStatus: "new" as const })),
      ...Array.from({ length: 5 }, () => ({
        durationMs: 30_000,
        previousStatus: "review" as const,
      })),
      { durationMs: 3_600_000, previousStatus: "review" as const },
    ]);
    expect(pace).toEqual({ newMinutes: 2, reviewMinutes: 0.5 });
    expect(measuredPace([{ durationMs: 1000, previousStatus: "new" }])).toEqual({});
  });
});

describe("computeReadiness", () => {
  it("rolls predicted recall up per topic and level: planned cards ready, what does not fit at risk", () => {
    const cards = bank(["data", "oop"], 10);
    const base = input({ cards, budget: { minutesPerDay: 8 } });
    const plan = buildPlan(base);
    expect(plan.feasible).toBe(false);
    const readiness = computeReadiness({ ...base, plan });
    expect(readiness.overall.cards).toBe(40);
    expect(readiness.overall.atRisk).toBe(40 - plan.scope.placedNewCards);
    expect(readiness.byLevel.map((g) => g.key)).toEqual(["fresher"]);
    for (const group of readiness.byTopic) {
      expect(group.currentRecall).toBe(0);
      expect(group.expectedRecall).toBeGreaterThan(0);
    }
    const roomy = input({ cards, budget: { minutesPerDay: 120 } });
    const ready = computeReadiness({ ...roomy, plan: buildPlan(roomy) });
    expect(ready.overall.status).toBe("ready");
    expect(ready.overall.atRisk).toBe(0);
    expect(ready.byTopic.every((g) => g.status === "ready")).toBe(true);
  });

  it("uses FSRS's forgetting curve for a studied card", () => {
    const state = studied("data-0", [-10, -8]);
    const at = interviewMoment(Math.floor(Date.parse("2026-03-16") / DAY), 0);
    const recall = recallAt(state, at);
    expect(recall).toBeGreaterThan(0);
    expect(recall).toBeLessThan(recallAt(state, new Date(NOW.getTime())));
    expect(recallAt(undefined, at)).toBe(0);
  });
});

describe("followPlan", () => {
  it("takes today's new cards from the plan and puts cards at risk for the date first", () => {
    const cards = bank(["data"], 3);
    const cardById = new Map(cards.map((c) => [c.id, c]));
    const safe = studied("data-0", [-40, -30, -5]);
    const risky = studied("data-1", [-3]);
    const due: SessionItem[] = [
      { card: cardById.get("data-0") as PlanCard, state: safe },
      { card: cardById.get("data-1") as PlanCard, state: risky },
    ];
    const at = interviewMoment(Math.floor(Date.parse("2026-03-16") / DAY), 0);
    expect(recallAt(safe, at)).toBeGreaterThan(recallAt(risky, at));
    const result = followPlan({
      due,
      plannedNewIds: ["data-2", "data-2/drill-1", "data-1"],
      cardById,
      states: [safe, risky],
      interviewAt: at,
      scope: { levels: [], topics: [] },
    });
    expect(result.newCards.map((i) => i.card.id)).toEqual(["data-2", "data-2/drill-1"]);
    expect(result.due.map((i) => i.card.id)[0]).toBe("data-1");
  });
});

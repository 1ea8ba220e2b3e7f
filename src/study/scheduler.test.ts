import fc from "fast-check";
import { createEmptyCard, Rating as FsrsRating, fsrs, get_fuzz_range } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import {
  cardStateProblems,
  MAXIMUM_INTERVAL_DAYS,
  newCardState,
  type ScheduleParams,
  schedule,
} from "./scheduler.ts";
import { type CardState, RATINGS, type Rating } from "./types.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;
const start = new Date("2025-01-01T09:00:00Z");
const exact: ScheduleParams = { desiredRetention: 0.9, enableFuzz: false };

/** Rates a new card with each rating in turn, each review exactly when the card falls due. */
function run(ratings: Rating[], params: ScheduleParams = exact): CardState {
  let state: CardState | undefined;
  let now = start;
  for (const rating of ratings) {
    state = schedule("c", state, rating, now, params).state;
    now = state.due;
  }
  if (!state) throw new Error("no ratings");
  return state;
}

function minutesUntilDue(state: CardState, from: Date): number {
  return (state.due.getTime() - from.getTime()) / MINUTE;
}

describe("schedule: a new card", () => {
  it("follows the default learning steps (1m, 10m) and graduates on Easy", () => {
    const rated = (rating: Rating) => schedule("c", undefined, rating, start, exact).state;
    expect(minutesUntilDue(rated("again"), start)).toBe(1);
    expect(minutesUntilDue(rated("hard"), start)).toBe(6);
    expect(minutesUntilDue(rated("good"), start)).toBe(10);
    expect(rated("good").status).toBe("learning");
    expect(rated("easy").status).toBe("review");
    expect(rated("easy").scheduledDays).toBeGreaterThanOrEqual(1);
  });

  it("agrees with ts-fsrs itself for every rating", () => {
    const reference = fsrs({ enable_fuzz: false, maximum_interval: MAXIMUM_INTERVAL_DAYS });
    const grades = {
      again: FsrsRating.Again,
      hard: FsrsRating.Hard,
      good: FsrsRating.Good,
      easy: FsrsRating.Easy,
    } as const;
    for (const rating of RATINGS) {
      const ours = schedule("c", undefined, rating, start, exact).state;
      const theirs = reference.next(createEmptyCard(start), start, grades[rating]).card;
      expect(ours.due.getTime()).toBe(theirs.due.getTime());
      expect(ours.stability).toBe(theirs.stability);
      expect(ours.difficulty).toBe(theirs.difficulty);
    }
  });

  it("records the introduction time once and keeps it", () => {
    const first = schedule("c", undefined, "good", start, exact).state;
    expect(first.introducedAt).toEqual(start);
    const second = schedule("c", first, "good", first.due, exact).state;
    expect(second.introducedAt).toEqual(start);
    expect(newCardState("c", start).introducedAt).toBeNull();
  });
});

describe("schedule: a card in review", () => {
  const learned = run(["good", "good", "good"]);

  it("orders the next due dates Again < Hard < Good < Easy", () => {
    const now = learned.due;
    const due = (rating: Rating) => schedule("c", learned, rating, now, exact).state.due.getTime();
    expect(due("again")).toBeLessThan(due("hard"));
    expect(due("hard")).toBeLessThan(due("good"));
    expect(due("good")).toBeLessThan(due("easy"));
  });

  it("sends a lapse to relearning and counts it", () => {
    const lapsed = schedule("c", learned, "again", learned.due, exact);
    expect(lapsed.previousStatus).toBe("review");
    expect(lapsed.state.status).toBe("relearning");
    expect(lapsed.state.lapses).toBe(learned.lapses + 1);
    expect(lapsed.state.stability).toBeLessThan(learned.stability);
  });

  it("grows the interval with each successful review", () => {
    const intervals = [3, 4, 5, 6].map(
      (n) => run(Array.from({ length: n }, () => "good" as const)).scheduledDays,
    );
    for (let i = 1; i < intervals.length; i++) {
      expect(intervals[i]).toBeGreaterThan(intervals[i - 1] ?? Infinity);
    }
  });

  it("waits longer for a lower desired retention", () => {
    const interval = (desiredRetention: number) =>
      schedule("c", learned, "good", learned.due, { desiredRetention, enableFuzz: false }).state
        .scheduledDays;
    expect(interval(0.8)).toBeGreaterThan(interval(0.9));
    expect(interval(0.9)).toBeGreaterThan(interval(0.95));
  });

  it("rejects a retention outside (0, 1)", () => {
    expect(() => schedule("c", learned, "good", start, { desiredRetention: 1 })).toThrow(
      RangeError,
    );
    expect(() => schedule("c", learned, "good", start, { desiredRetention: 0 })).toThrow(
      RangeError,
    );
  });

  it("never schedules before the last review when the clock runs backwards", () => {
    const skewed = schedule(
      "c",
      learned,
      "good",
      new Date(learned.due.getTime() - 30 * DAY),
      exact,
    );
    expect(skewed.state.due.getTime()).toBeGreaterThanOrEqual(learned.lastReview?.getTime() ?? 0);
    expect(cardStateProblems(skewed.state)).toEqual([]);
  });
});

describe("schedule: fuzz", () => {
  // A card with a long interval, where fuzz has room to move.
  const mature = run(["good", "good", "good", "good", "good", "good"]);

  it("is on by default and stays within ts-fsrs's fuzz range", () => {
    const seen = new Set<number>();
    for (let k = 0; k < 200; k++) {
      const now = new Date(mature.due.getTime() + k * 997);
      const plain = schedule("c", mature, "good", now, exact).state;
      const fuzzed = schedule("c", mature, "good", now, { desiredRetention: 0.9 }).state;
      const { min_ivl, max_ivl } = get_fuzz_range(
        plain.scheduledDays,
        fuzzed.elapsedDays,
        MAXIMUM_INTERVAL_DAYS,
      );
      expect(fuzzed.scheduledDays).toBeGreaterThanOrEqual(min_ivl);
      expect(fuzzed.scheduledDays).toBeLessThanOrEqual(max_ivl);
      expect(fuzzed.due.getTime()).toBe(now.getTime() + fuzzed.scheduledDays * DAY);
      seen.add(fuzzed.scheduledDays);
    }
    expect(plain(mature).scheduledDays).toBeGreaterThan(10);
    expect(seen.size).toBeGreaterThan(2);
  });

  it("is deterministic for the same card, rating and time, so a retry agrees", () => {
    const a = schedule("c", mature, "good", mature.due, { desiredRetention: 0.9 }).state;
    const b = schedule("c", mature, "good", mature.due, { desiredRetention: 0.9 }).state;
    expect(a).toEqual(b);
  });
});

function plain(state: CardState): CardState {
  return schedule("c", state, "good", state.due, exact).state;
}

describe("schedule: property", () => {
  it("no sequence of ratings, gaps and retentions produces an invalid state", () => {
    const step = fc.record({
      rating: fc.constantFrom(...RATINGS),
      // Mostly forward in time, sometimes backwards (another device's clock), sometimes years.
      gapMs: fc.oneof(
        fc.integer({ min: 0, max: 10 * MINUTE }),
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.integer({ min: -2 * DAY, max: 0 }),
        fc.integer({ min: 0, max: 5000 * DAY }),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.7, max: 0.99, noNaN: true }),
        fc.boolean(),
        (steps, desiredRetention, enableFuzz) => {
          let state: CardState | undefined;
          let now = start.getTime();
          let lapses = 0;
          for (const { rating, gapMs } of steps) {
            now += gapMs;
            const result = schedule("c", state, rating, new Date(now), {
              desiredRetention,
              enableFuzz,
            });
            if (rating === "again" && result.previousStatus === "review") lapses++;
            state = result.state;
            expect(cardStateProblems(state)).toEqual([]);
          }
          expect(state?.reps).toBe(steps.length);
          expect(state?.lapses).toBe(lapses);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("cardStateProblems catches broken states", () => {
    const good = run(["good", "good"]);
    expect(cardStateProblems(good)).toEqual([]);
    expect(cardStateProblems({ ...good, stability: Number.NaN })).not.toEqual([]);
    expect(cardStateProblems({ ...good, difficulty: 11 })).not.toEqual([]);
    expect(cardStateProblems({ ...good, lapses: 5 })).not.toEqual([]);
    expect(cardStateProblems({ ...good, due: new Date(0) })).not.toEqual([]);
    expect(cardStateProblems({ ...newCardState("c", start), reps: 1 })).not.toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { computeStats, weakestTopics } from "./stats.ts";
import { reviewedState } from "./test-fixtures.ts";
import type { CardStatus, Rating, ReviewRecord, StudyCard } from "./types.ts";

const card = (id: string, topics: string[]): StudyCard => ({
  id,
  questionId: id.split("/")[0] ?? id,
  kind: id.includes("/") ? "drill" : "concept",
  level: "fresher",
  topics,
  difficulty: 1,
  title: id,
});
const cards = [
  card("q1", ["data"]),
  card("q1/drill-1", ["data"]),
  card("q2", ["control"]),
  card("q3", ["data", "control"]),
];

let n = 0;
const review = (at: string, cardId: string, rating: Rating, previousStatus: CardStatus) => {
  const reviewedAt = new Date(at);
  return {
    idempotencyKey: `k${n++}`,
    cardId,
    rating,
    reviewedAt,
    durationMs: 1000,
    previousStatus,
    stateAfter: reviewedState(cardId, { due: reviewedAt, lastReview: reviewedAt }),
    grade: null,
  } satisfies ReviewRecord;
};

// Hand-computed log: 2 reviews on the 7th, none on the 8th, 2 on the 9th, 3 on the 10th.
const reviews = [
  review("2025-03-07T10:00:00Z", "q1", "good", "new"),
  review("2025-03-07T10:05:00Z", "q1", "good", "learning"),
  review("2025-03-09T09:00:00Z", "q1", "again", "review"), // a lapse: counts against retention
  review("2025-03-09T09:10:00Z", "q2", "good", "new"),
  review("2025-03-10T08:00:00Z", "q1", "good", "relearning"), // not a learned card: not counted
  review("2025-03-10T08:30:00Z", "q2", "hard", "review"), // Hard is still recalled
  review("2025-03-10T09:00:00Z", "q3", "easy", "review"),
];
const states = [
  reviewedState("q1", { due: new Date("2025-03-10T06:00:00Z"), stability: 30 }), // overdue → today
  {
    ...reviewedState("q1/drill-1", { due: new Date("2025-03-10T12:10:00Z") }),
    status: "learning" as const,
  },
  reviewedState("q2", { due: new Date("2025-03-12T08:00:00Z"), stability: 3 }),
  reviewedState("q3", { due: new Date("2025-05-01T08:00:00Z"), stability: 25 }), // beyond 30 days
  reviewedState("gone", { due: new Date("2025-03-11T08:00:00Z") }), // retired: not forecast
];
const now = new Date("2025-03-10T12:00:00Z");

describe("computeStats on a hand-computed log", () => {
  const stats = computeStats({ reviews, states, cards, now });

  it("counts reviews per day over the last 90 days, empty days included", () => {
    expect(stats.reviewsPerDay).toHaveLength(90);
    expect(stats.reviewsPerDay[0]?.day).toBe("2024-12-11");
    expect(stats.reviewsPerDay.slice(-4)).toEqual([
      { day: "2025-03-07", count: 2 },
      { day: "2025-03-08", count: 0 },
      { day: "2025-03-09", count: 2 },
      { day: "2025-03-10", count: 3 },
    ]);
    expect(stats.reviewsPerDay.slice(0, -4).every((d) => d.count === 0)).toBe(true);
    expect(stats.totalReviews).toBe(7);
  });

  it("adds up time per day from reviews and mock interviews", () => {
    const withMock = computeStats({
      reviews,
      states,
      cards,
      now,
      mockSessions: [{ at: new Date("2025-03-08T15:00:00Z"), durationMs: 600_000 }],
    });
    expect(withMock.timePerDay).toHaveLength(90);
    expect(withMock.timePerDay.slice(-4)).toEqual([
      { day: "2025-03-07", reviewMs: 2000, mockMs: 0 },
      { day: "2025-03-08", reviewMs: 0, mockMs: 600_000 },
      { day: "2025-03-09", reviewMs: 2000, mockMs: 0 },
      { day: "2025-03-10", reviewMs: 3000, mockMs: 0 },
    ]);
  });

  it("computes retention per week, Monday to Sunday", () => {
    expect(stats.retentionByWeek).toHaveLength(13);
    // 2025-03-10 is a Monday: its week holds the two learned reviews of the 10th.
    expect(stats.retentionByWeek.at(-1)).toEqual({
      week: "2025-03-10",
      reviews: 2,
      recalled: 2,
      rate: 1,
    });
    expect(stats.retentionByWeek.at(-2)).toEqual({
      week: "2025-03-03",
      reviews: 1,
      recalled: 0,
      rate: 0,
    });
    expect(stats.retentionByWeek[0]).toMatchObject({ week: "2024-12-16", rate: null });
  });

  it("computes true retention over reviews of learned cards only", () => {
    expect(stats.retention).toEqual({ reviews: 3, recalled: 2, rate: 2 / 3 });
  });

  it("forecasts 30 days of due cards, overdue ones today", () => {
    expect(stats.forecast).toHaveLength(30);
    expect(stats.forecast[0]).toEqual({ day: "2025-03-10", count: 2 });
    expect(stats.forecast[2]).toEqual({ day: "2025-03-12", count: 1 });
    expect(stats.forecast[29]?.day).toBe("2025-04-08");
    expect(stats.forecast.reduce((sum, day) => sum + day.count, 0)).toBe(3);
  });

  it("computes mastery per topic, and per topic and level", () => {
    expect(stats.mastery).toEqual([
      { topic: "control", cards: 2, seen: 2, mastered: 1, mastery: 0.5, strength: 0.75 },
      { topic: "data", cards: 3, seen: 3, mastered: 2, mastery: 2 / 3, strength: 2.5 / 3 },
    ]);
    expect(stats.masteryByLevel).toEqual(
      stats.mastery.map((entry) => ({ ...entry, level: "fresher" })),
    );
  });

  it("counts what is due now and when the next card falls due", () => {
    expect(stats.dueNow).toBe(1);
    expect(stats.nextDue?.toISOString()).toBe("2025-03-10T06:00:00.000Z");
  });

  it("counts the streak back from today", () => {
    expect(stats.streak).toBe(2);
  });
});

describe("computeStats: edges", () => {
  it("keeps the streak alive until the day ends without a review", () => {
    const nextMorning = new Date("2025-03-11T07:00:00Z");
    expect(computeStats({ reviews, states, cards, now: nextMorning }).streak).toBe(2);
    const dayAfter = new Date("2025-03-12T07:00:00Z");
    expect(computeStats({ reviews, states, cards, now: dayAfter }).streak).toBe(0);
  });

  it("puts days where the candidate's clock does", () => {
    const late = [review("2025-03-09T23:30:00Z", "q1", "good", "new")];
    const utc = computeStats({ reviews: late, states: [], cards, now });
    expect(utc.reviewsPerDay.at(-2)).toEqual({ day: "2025-03-09", count: 1 });
    const paris = computeStats({
      reviews: late,
      states: [],
      cards,
      now,
      timeZoneOffsetMinutes: 60,
    });
    expect(paris.reviewsPerDay.at(-1)).toEqual({ day: "2025-03-10", count: 1 });
    expect(paris.reviewsPerDay.at(-2)).toEqual({ day: "2025-03-09", count: 0 });
    expect(paris.streak).toBe(1);
  });

  it("answers for a user with no history", () => {
    const empty = computeStats({ reviews: [], states: [], cards, now });
    expect(empty.reviewsPerDay.every((day) => day.count === 0)).toBe(true);
    expect(empty.nextDue).toBeNull();
    expect(empty.retention.rate).toBeNull();
    expect(empty.streak).toBe(0);
    expect(empty.mastery.every((topic) => topic.seen === 0 && topic.mastery === 0)).toBe(true);
  });
});

describe("computeStats: cost bounded by the window, not by the oldest review", () => {
  it("answers 90 days of reviews per day even with a review from year 0000", () => {
    const ancient = [review("0000-01-01T00:00:00Z", "q1", "good", "new"), ...reviews];
    const stats = computeStats({ reviews: ancient, states, cards, now });
    expect(stats.reviewsPerDay).toHaveLength(90);
    expect(stats.timePerDay).toHaveLength(90);
    expect(stats.retentionByWeek).toHaveLength(13);
    expect(stats.totalReviews).toBe(8);
    // The streak walks back over review days only, never over the calendar.
    expect(stats.streak).toBe(2);
  });

  it("stays bounded for reviews far in the future too", () => {
    const future = [review("9999-12-31T00:00:00Z", "q1", "good", "new")];
    const stats = computeStats({ reviews: future, states: [], cards, now });
    expect(stats.reviewsPerDay).toHaveLength(90);
    expect(stats.reviewsPerDay.every((day) => day.count === 0)).toBe(true);
  });
});

describe("weakestTopics", () => {
  it("ranks started topics by strength and leaves untouched ones out", () => {
    const entry = (topic: string, seen: number, strength: number) => ({
      topic,
      cards: 4,
      seen,
      mastered: 0,
      mastery: 0,
      strength,
    });
    const ranked = weakestTopics(
      [entry("a", 2, 0.5), entry("b", 0, 0), entry("c", 1, 0.25), entry("d", 4, 0.25)],
      2,
    );
    expect(ranked.map((t) => t.topic)).toEqual(["c", "d"]);
  });
});

import type { Level } from "../content/schema.ts";
import { dayKey, localDayNumber } from "./time.ts";
import type { CardState, ReviewRecord, StudyCard } from "./types.ts";

/** A card counts as mastered once FSRS expects 90% recall three weeks out (Anki's "mature"). */
export const MASTERY_STABILITY_DAYS = 21;
export const FORECAST_DAYS = 30;
/**
 * Per-day series cover this many local days ending today. A fixed window keeps the
 * answer's size and cost independent of how old the oldest review is: one review
 * stamped in year 0000 must not make stats emit a day for every day since.
 */
export const REVIEW_WINDOW_DAYS = 90;
/** Retention by week covers this many weeks (Monday to Sunday), the current one last. */
export const RETENTION_WEEKS = 13;

export interface StatsInput {
  reviews: readonly ReviewRecord[];
  states: readonly CardState[];
  /** The bank's cards: mastery is per topic, and retired cards are left out of the forecast. */
  cards: readonly StudyCard[];
  now: Date;
  /** Minutes east of UTC; decides where each day starts. */
  timeZoneOffsetMinutes?: number;
  /** Time spent in mock interviews, counted on the day each one started. */
  mockSessions?: readonly { at: Date; durationMs: number }[];
}

export interface DayCount {
  /** Local date, `YYYY-MM-DD`. */
  day: string;
  count: number;
}

export interface DayTime {
  day: string;
  /** Time spent on reviews (the durations the client reported). */
  reviewMs: number;
  mockMs: number;
}

export interface WeekRetention {
  /** The week's Monday, `YYYY-MM-DD`. */
  week: string;
  reviews: number;
  recalled: number;
  /** recalled / reviews; null in a week without reviews of learned cards. */
  rate: number | null;
}

export interface TopicMastery {
  topic: string;
  cards: number;
  /** Cards rated at least once. */
  seen: number;
  mastered: number;
  /** mastered / cards, 0..1. */
  mastery: number;
  /** (mastered + half of the seen but not mastered) / cards, 0..1: what "weakest" sorts on. */
  strength: number;
}

export interface TopicLevelMastery extends TopicMastery {
  level: Level;
}

export interface Stats {
  /** The last 90 local days ending today, days without reviews included. */
  reviewsPerDay: DayCount[];
  /** The same 90 days: minutes spent reviewing and in mock interviews. */
  timePerDay: DayTime[];
  /** Reviews of cards already learned (status `review` before the review) that were not Again. */
  retention: { reviews: number; recalled: number; rate: number | null };
  /** The same measure per week, for the last 13 weeks. */
  retentionByWeek: WeekRetention[];
  /** Cards due on each of the next 30 days; today's count includes everything overdue. */
  forecast: DayCount[];
  /** Per topic, in topic id order. */
  mastery: TopicMastery[];
  /** Per topic and level, for the topics × levels heatmap; pairs with no card are left out. */
  masteryByLevel: TopicLevelMastery[];
  /** Consecutive days with a review, ending today, or yesterday if nothing was reviewed yet today. */
  streak: number;
  totalReviews: number;
  /** Cards due now (overdue included). */
  dueNow: number;
  /** The earliest due date of any card in the bank that has been rated; null before any. */
  nextDue: Date | null;
}

const LEVEL_RANK: Record<Level, number> = { fresher: 0, intermediate: 1, expert: 2 };

/** Days since the epoch to the Monday that starts its week (the epoch was a Thursday). */
function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

export function computeStats(input: StatsInput): Stats {
  const offset = input.timeZoneOffsetMinutes ?? 0;
  const nowMs = input.now.getTime();
  const today = localDayNumber(input.now, offset);
  const firstWindowDay = today - REVIEW_WINDOW_DAYS + 1;
  const firstWeek = mondayOf(today) - 7 * (RETENTION_WEEKS - 1);

  // Counts for the window only; older reviews still count towards totals and retention.
  const perDay = new Array<number>(REVIEW_WINDOW_DAYS).fill(0);
  const reviewMs = new Array<number>(REVIEW_WINDOW_DAYS).fill(0);
  const mockMs = new Array<number>(REVIEW_WINDOW_DAYS).fill(0);
  const weekReviews = new Array<number>(RETENTION_WEEKS).fill(0);
  const weekRecalled = new Array<number>(RETENTION_WEEKS).fill(0);
  const reviewDays = new Set<number>();
  let recalled = 0;
  let learnedReviews = 0;
  for (const review of input.reviews) {
    const day = localDayNumber(review.reviewedAt, offset);
    reviewDays.add(day);
    const slot = day - firstWindowDay;
    if (slot >= 0 && slot < REVIEW_WINDOW_DAYS) {
      perDay[slot] = (perDay[slot] ?? 0) + 1;
      reviewMs[slot] = (reviewMs[slot] ?? 0) + review.durationMs;
    }
    if (review.previousStatus === "review") {
      learnedReviews++;
      const good = review.rating !== "again";
      if (good) recalled++;
      const week = Math.floor((day - firstWeek) / 7);
      if (week >= 0 && week < RETENTION_WEEKS) {
        weekReviews[week] = (weekReviews[week] ?? 0) + 1;
        if (good) weekRecalled[week] = (weekRecalled[week] ?? 0) + 1;
      }
    }
  }
  for (const mock of input.mockSessions ?? []) {
    const slot = localDayNumber(mock.at, offset) - firstWindowDay;
    if (slot >= 0 && slot < REVIEW_WINDOW_DAYS)
      mockMs[slot] = (mockMs[slot] ?? 0) + mock.durationMs;
  }

  const reviewsPerDay = perDay.map((count, i) => ({ day: dayKey(firstWindowDay + i), count }));
  const timePerDay = perDay.map((_, i) => ({
    day: dayKey(firstWindowDay + i),
    reviewMs: reviewMs[i] ?? 0,
    mockMs: mockMs[i] ?? 0,
  }));
  const retentionByWeek = weekReviews.map((reviews, i) => {
    const good = weekRecalled[i] ?? 0;
    return {
      week: dayKey(firstWeek + 7 * i),
      reviews,
      recalled: good,
      rate: reviews === 0 ? null : good / reviews,
    };
  });

  // Bounded by the number of distinct review days, never by the calendar.
  let streak = 0;
  for (let day = reviewDays.has(today) ? today : today - 1; reviewDays.has(day); day--) streak++;

  const active = new Set(input.cards.map((card) => card.id));
  const stateById = new Map(input.states.map((state) => [state.cardId, state]));
  const forecastCounts = new Array<number>(FORECAST_DAYS).fill(0);
  let dueNow = 0;
  let nextDue: number | null = null;
  for (const state of input.states) {
    if (state.status === "new" || !active.has(state.cardId)) continue;
    const dueMs = state.due.getTime();
    if (dueMs <= nowMs) dueNow++;
    if (nextDue === null || dueMs < nextDue) nextDue = dueMs;
    const offsetDays = Math.max(0, localDayNumber(state.due, offset) - today);
    if (offsetDays < FORECAST_DAYS)
      forecastCounts[offsetDays] = (forecastCounts[offsetDays] ?? 0) + 1;
  }
  const forecast = forecastCounts.map((count, i) => ({ day: dayKey(today + i), count }));

  const topics = new Map<string, TopicMastery>();
  const cells = new Map<string, TopicLevelMastery>();
  const tally = (entry: TopicMastery, seen: boolean, mastered: boolean) => {
    entry.cards++;
    entry.seen += seen ? 1 : 0;
    entry.mastered += mastered ? 1 : 0;
  };
  for (const card of input.cards) {
    const state = stateById.get(card.id);
    const seen = state !== undefined && state.status !== "new";
    const mastered = state?.status === "review" && state.stability >= MASTERY_STABILITY_DAYS;
    for (const topic of card.topics) {
      const entry = topics.get(topic) ?? emptyMastery(topic);
      tally(entry, seen, mastered);
      topics.set(topic, entry);
      const key = `${topic}\u0000${card.level}`;
      const cell = cells.get(key) ?? { ...emptyMastery(topic), level: card.level };
      tally(cell, seen, mastered);
      cells.set(key, cell);
    }
  }
  const byTopic = (a: { topic: string }, b: { topic: string }) =>
    a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0;
  const mastery = [...topics.values()].map(finishMastery).sort(byTopic);
  const masteryByLevel = [...cells.values()]
    .map(finishMastery)
    .sort((a, b) => byTopic(a, b) || LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);

  return {
    reviewsPerDay,
    timePerDay,
    retention: {
      reviews: learnedReviews,
      recalled,
      rate: learnedReviews === 0 ? null : recalled / learnedReviews,
    },
    retentionByWeek,
    forecast,
    mastery,
    masteryByLevel,
    streak,
    totalReviews: input.reviews.length,
    dueNow,
    nextDue: nextDue === null ? null : new Date(nextDue),
  };
}

function emptyMastery(topic: string): TopicMastery {
  return { topic, cards: 0, seen: 0, mastered: 0, mastery: 0, strength: 0 };
}

function finishMastery<T extends TopicMastery>(entry: T): T {
  if (entry.cards === 0) return entry;
  return {
    ...entry,
    mastery: entry.mastered / entry.cards,
    strength: (entry.mastered + 0.5 * (entry.seen - entry.mastered)) / entry.cards,
  };
}

/**
 * The topics to work on: the lowest strength among topics the candidate has started
 * (a topic never touched is unknown, not weak), ties by topic id.
 */
export function weakestTopics(mastery: readonly TopicMastery[], count: number): TopicMastery[] {
  return mastery
    .filter((entry) => entry.seen > 0)
    .sort((a, b) => a.strength - b.strength || (a.topic < b.topic ? -1 : 1))
    .slice(0, count);
}

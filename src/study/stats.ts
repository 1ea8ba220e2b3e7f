import { dayKey, localDayNumber } from "./time.ts";
import type { CardState, ReviewRecord, StudyCard } from "./types.ts";

/** A card counts as mastered once FSRS expects 90% recall three weeks out (Anki's "mature"). */
export const MASTERY_STABILITY_DAYS = 21;
export const FORECAST_DAYS = 30;

export interface StatsInput {
  reviews: readonly ReviewRecord[];
  states: readonly CardState[];
  /** The bank's cards: mastery is per topic, and retired cards are left out of the forecast. */
  cards: readonly StudyCard[];
  now: Date;
  /** Minutes east of UTC; decides where each day starts. */
  timeZoneOffsetMinutes?: number;
}

export interface DayCount {
  /** Local date, `YYYY-MM-DD`. */
  day: string;
  count: number;
}

export interface TopicMastery {
  topic: string;
  cards: number;
  /** Cards rated at least once. */
  seen: number;
  mastered: number;
  /** mastered / cards, 0..1. */
  mastery: number;
}

export interface Stats {
  /** Every day from the first review to today, days without reviews included. */
  reviewsPerDay: DayCount[];
  /** Reviews of cards already learned (status `review` before the review) that were not Again. */
  retention: { reviews: number; recalled: number; rate: number | null };
  /** Cards due on each of the next 30 days; today's count includes everything overdue. */
  forecast: DayCount[];
  mastery: TopicMastery[];
  /** Consecutive days with a review, ending today, or yesterday if nothing was reviewed yet today. */
  streak: number;
  totalReviews: number;
}

export function computeStats(input: StatsInput): Stats {
  const offset = input.timeZoneOffsetMinutes ?? 0;
  const today = localDayNumber(input.now, offset);

  const perDay = new Map<number, number>();
  let recalled = 0;
  let learnedReviews = 0;
  for (const review of input.reviews) {
    const day = localDayNumber(review.reviewedAt, offset);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    if (review.previousStatus === "review") {
      learnedReviews++;
      if (review.rating !== "again") recalled++;
    }
  }

  const reviewsPerDay: DayCount[] = [];
  if (perDay.size > 0) {
    const first = Math.min(...perDay.keys());
    for (let day = first; day <= Math.max(today, first); day++) {
      reviewsPerDay.push({ day: dayKey(day), count: perDay.get(day) ?? 0 });
    }
  }

  let streak = 0;
  for (let day = perDay.has(today) ? today : today - 1; perDay.has(day); day--) streak++;

  const active = new Set(input.cards.map((card) => card.id));
  const stateById = new Map(input.states.map((state) => [state.cardId, state]));
  const forecastCounts = new Array<number>(FORECAST_DAYS).fill(0);
  for (const state of input.states) {
    if (state.status === "new" || !active.has(state.cardId)) continue;
    const offsetDays = Math.max(0, localDayNumber(state.due, offset) - today);
    if (offsetDays < FORECAST_DAYS)
      forecastCounts[offsetDays] = (forecastCounts[offsetDays] ?? 0) + 1;
  }
  const forecast = forecastCounts.map((count, i) => ({ day: dayKey(today + i), count }));

  const topics = new Map<string, TopicMastery>();
  for (const card of input.cards) {
    const state = stateById.get(card.id);
    const seen = state !== undefined && state.status !== "new";
    const mastered =
      state?.status === "review" && state.stability >= MASTERY_STABILITY_DAYS ? 1 : 0;
    for (const topic of card.topics) {
      const entry = topics.get(topic) ?? { topic, cards: 0, seen: 0, mastered: 0, mastery: 0 };
      entry.cards++;
      entry.seen += seen ? 1 : 0;
      entry.mastered += mastered;
      topics.set(topic, entry);
    }
  }
  const mastery = [...topics.values()]
    .map((entry) => ({ ...entry, mastery: entry.cards === 0 ? 0 : entry.mastered / entry.cards }))
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));

  return {
    reviewsPerDay,
    retention: {
      reviews: learnedReviews,
      recalled,
      rate: learnedReviews === 0 ? null : recalled / learnedReviews,
    },
    forecast,
    mastery,
    streak,
    totalReviews: input.reviews.length,
  };
}

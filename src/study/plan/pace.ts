import type { ReviewRecord, StudyCard } from "../types.ts";
import type { Pace, PlanCard } from "./types.ts";

/** How far back the measured pace looks: the candidate's recent speed is the one that holds. */
export const PACE_WINDOW_MS = 42 * 86_400_000;
/** Fewer timed reviews than this and the bank's estimate is the better guess. */
const MIN_SAMPLES = 5;
/** A review left open for longer was not a review; it would skew the median. */
const MAX_SAMPLE_MS = 20 * 60_000;

/** The candidate's median minutes per review and per first study, from their own log. */
export function measuredPace(
  reviews: readonly Pick<ReviewRecord, "durationMs" | "previousStatus">[],
): Pace {
  const first: number[] = [];
  const again: number[] = [];
  for (const review of reviews) {
    if (!(review.durationMs > 0 && review.durationMs <= MAX_SAMPLE_MS)) continue;
    (review.previousStatus === "new" ? first : again).push(review.durationMs / 60_000);
  }
  const pace: Pace = {};
  if (again.length >= MIN_SAMPLES) pace.reviewMinutes = median(again);
  if (first.length >= MIN_SAMPLES) pace.newMinutes = median(first);
  return pace;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Cards with minutes: a question's `minutes` shared by its cards, at least half a minute each. */
export function planCards(
  cards: readonly StudyCard[],
  minutesOfQuestion: (questionId: string) => number,
): PlanCard[] {
  const perQuestion = new Map<string, number>();
  for (const card of cards)
    perQuestion.set(card.questionId, (perQuestion.get(card.questionId) ?? 0) + 1);
  return cards.map((card) => ({
    ...card,
    minutes: Math.max(
      0.5,
      minutesOfQuestion(card.questionId) / (perQuestion.get(card.questionId) ?? 1),
    ),
  }));
}

import type { Level } from "../../content/schema.ts";
import type { StudyCard } from "../types.ts";

/** How many minutes a day the candidate can give; `byWeekday` (Sunday first) overrides. */
export interface StudyBudget {
  minutesPerDay: number;
  /** Seven numbers, Sunday to Saturday; null or absent: every day is `minutesPerDay`. */
  byWeekday?: readonly number[] | null;
}

/** What the interview is about; empty lists mean every level or every topic. */
export interface PlanScope {
  levels: readonly Level[];
  topics: readonly string[];
}

/** A card with the minutes its first study takes (its question's minutes shared by its cards). */
export interface PlanCard extends StudyCard {
  minutes: number;
}

/** The candidate's own measured pace, when there is enough history to trust it. */
export interface Pace {
  /** Minutes one review of a card already seen takes. */
  reviewMinutes?: number;
  /** Minutes a card's first study takes, overriding the bank's estimate. */
  newMinutes?: number;
}

export type MockLabel = "baseline" | "midway" | "final";

export interface PlannedMock {
  date: string;
  day: number;
  label: MockLabel;
  minutes: number;
}

export type DayKind = "learn" | "review" | "mock";

export interface PlanDay {
  /** `YYYY-MM-DD` in the candidate's zone. */
  date: string;
  /** Days from today: 0 is today. */
  index: number;
  kind: DayKind;
  budget: number;
  /** New cards to introduce that day, in study order. */
  newCardIds: string[];
  /** Reviews the plan expects that day (same-day learning steps included). */
  expectedReviews: number;
  /** Minutes the day's new cards, reviews and mock are expected to take. */
  minutes: number;
  mock: PlannedMock | null;
}

export interface PlanSuggestion {
  /** Minutes to add to every day so the whole scope fits; null when no amount would do. */
  extraMinutesPerDay: number | null;
  /** Up to three topics to leave out, lightest first, so the rest fits in the budget as it is; empty when no such few would do. */
  dropTopics: string[];
}

export interface Plan {
  today: string;
  interviewDate: string;
  daysLeft: number;
  days: PlanDay[];
  mocks: PlannedMock[];
  scope: { cards: number; newCards: number; placedNewCards: number };
  feasible: boolean;
  /** Plain words when the budget cannot cover the scope; null when it can. */
  message: string | null;
  suggestion: PlanSuggestion | null;
}

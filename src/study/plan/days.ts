import { dayKey } from "../time.ts";
import type { MockLabel, StudyBudget } from "./types.ts";

/** Day 0 of the Unix epoch was a Thursday. */
const EPOCH_WEEKDAY = 4;

export function weekdayOf(day: number): number {
  return (((day + EPOCH_WEEKDAY) % 7) + 7) % 7;
}

export function budgetOn(day: number, budget: StudyBudget): number {
  const byWeekday = budget.byWeekday;
  const minutes = byWeekday?.length === 7 ? byWeekday[weekdayOf(day)] : budget.minutesPerDay;
  return Math.max(0, minutes ?? 0);
}

/**
 * Days at the end kept for review only: a card met the day before the interview is not
 * learned, and the last days are where the reviews of everything else pile up.
 */
export function reviewTailDays(daysLeft: number): number {
  if (daysLeft >= 10) return 3;
  if (daysLeft >= 5) return 2;
  return daysLeft >= 2 ? 1 : 0;
}

/**
 * A baseline mock at the start (to see where the candidate stands), one midway, and a
 * full one two days before, leaving the last day for the reviews it shows are needed.
 * Short runs keep only the mocks that still make sense.
 */
export function mockDays(daysLeft: number): { index: number; label: MockLabel }[] {
  const mocks: { index: number; label: MockLabel }[] = [];
  if (daysLeft <= 0) return mocks;
  const final = daysLeft >= 3 ? daysLeft - 2 : daysLeft - 1;
  if (daysLeft >= 7) mocks.push({ index: 0, label: "baseline" });
  const midway = Math.floor(daysLeft / 2);
  if (daysLeft >= 6 && midway > 0 && midway < final) mocks.push({ index: midway, label: "midway" });
  mocks.push({ index: final, label: "final" });
  return mocks;
}

export { dayKey };

/** The local day number of a `YYYY-MM-DD` date. */
export function dayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** The hour of the interview the forecasts assume when none is given: a morning one. */
const INTERVIEW_HOUR_MS = 9 * 3_600_000;

/** The instant readiness is forecast for: the interview day's morning in the candidate's zone. */
export function interviewMoment(interviewDay: number, offsetMinutes: number): Date {
  return new Date(interviewDay * 86_400_000 - offsetMinutes * 60_000 + INTERVIEW_HOUR_MS);
}

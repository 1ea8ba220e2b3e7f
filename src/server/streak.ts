import type { Store } from "../store/store.ts";
import { localDayNumber, localDayStart } from "../study/time.ts";

const MAX_STREAK_DAYS = 3650;

/**
 * Consecutive local days with a review, ending today (or yesterday when nothing was
 * reviewed yet today) — the same rule as `computeStats`. It asks one indexed "any
 * review that day?" question per day of the streak instead of loading the whole
 * history, so the session endpoint stays cheap for a user with years of reviews.
 */
export async function currentStreak(
  store: Store,
  userId: string,
  now: Date,
  offsetMinutes: number,
): Promise<number> {
  const today = localDayNumber(now, offsetMinutes);
  const reviewedOn = async (day: number) =>
    (
      await store.listReviews(userId, {
        from: localDayStart(day, offsetMinutes),
        to: localDayStart(day + 1, offsetMinutes),
        limit: 1,
      })
    ).length > 0;
  let day = (await reviewedOn(today)) ? today : today - 1;
  let streak = 0;
  while (streak < MAX_STREAK_DAYS && (await reviewedOn(day))) {
    streak++;
    day--;
  }
  return streak;
}

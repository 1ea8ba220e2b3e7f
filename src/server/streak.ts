import type { Store } from "../store/store.ts";
import { localDayNumber, localDayStart } from "../study/time.ts";

const MAX_STREAK_DAYS = 3650;

/**
 * The store method that counts the streak in one query (`reviewStreak` in
 * store/reviews.ts). Optional until `Store` exposes it; the fallback below asks the
 * same question one day at a time.
 */
type StreakStore = Pick<Store, "listReviews"> & {
  reviewStreak?: (userId: string, today: number, offsetMinutes: number) => Promise<number>;
};

/**
 * Consecutive local days with a review, ending today (or yesterday when nothing was
 * reviewed yet today): the same rule as `computeStats`, without loading the history.
 */
export async function currentStreak(
  store: StreakStore,
  userId: string,
  now: Date,
  offsetMinutes: number,
): Promise<number> {
  const today = localDayNumber(now, offsetMinutes);
  if (store.reviewStreak) return store.reviewStreak(userId, today, offsetMinutes);
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

import type { Store } from "../store/store.ts";
import { localDayNumber } from "../study/time.ts";

/**
 * Consecutive local days with a review, ending today (or yesterday when nothing was
 * reviewed yet today): the same rule as `computeStats`, in one query
 * (`Store.reviewStreak`), without loading the history.
 */
export async function currentStreak(
  store: Pick<Store, "reviewStreak">,
  userId: string,
  now: Date,
  offsetMinutes: number,
): Promise<number> {
  return store.reviewStreak(userId, localDayNumber(now, offsetMinutes), offsetMinutes);
}

import { type ScheduleParams, schedule } from "../scheduler.ts";
import type { CardState } from "../types.ts";

/**
 * The state that puts a card a mock found weak in front of the candidate now, or null
 * when it is already due. A card already learning or learned keeps its memory and is
 * only brought forward; a card never studied gets the state FSRS gives a card failed at
 * first sight (the mock was that first sight), due at once rather than in a minute.
 * Either way the next session lists it among the due cards.
 */
export function dueNowState(
  cardId: string,
  previous: CardState | undefined,
  now: Date,
  params: ScheduleParams,
): CardState | null {
  if (previous && previous.status !== "new") {
    if (previous.due.getTime() <= now.getTime()) return null;
    const floor = previous.lastReview?.getTime() ?? now.getTime();
    return { ...previous, due: new Date(Math.max(now.getTime(), floor)) };
  }
  const { state } = schedule(cardId, previous, "again", now, params);
  const lastReview = state.lastReview ?? now;
  return { ...state, due: new Date(Math.max(now.getTime(), lastReview.getTime())) };
}

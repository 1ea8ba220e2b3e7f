import { default_w, forgetting_curve } from "ts-fsrs";
import { DAY_MS } from "../time.ts";
import type { CardState } from "../types.ts";

/**
 * FSRS's predicted probability of recalling the card at `at` (its forgetting curve, with
 * the default parameters the scheduler uses); 0 for a card never studied.
 */
export function recallAt(state: CardState | undefined, at: Date): number {
  if (!state || state.status === "new" || !state.lastReview || !(state.stability > 0)) return 0;
  const elapsedDays = Math.max(0, (at.getTime() - state.lastReview.getTime()) / DAY_MS);
  return forgetting_curve(default_w, elapsedDays, state.stability);
}

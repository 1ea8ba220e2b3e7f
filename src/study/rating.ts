import type { Rating } from "./types.ts";

/** Auto-graded cards only: concept cards are always rated by the candidate. */
export interface AutoGradeResult {
  kind: "drill" | "exercise";
  correct: boolean;
  /** From showing the card to submitting the answer. */
  durationMs: number;
}

/**
 * "Fast" means the answer came without working it out step by step: a short
 * snippet's output predicted within 20 s, or a small function written and passing
 * within 3 minutes. These are the thresholds the default rating uses.
 */
export const FAST_THRESHOLD_MS: Readonly<Record<AutoGradeResult["kind"], number>> = {
  drill: 20_000,
  exercise: 180_000,
};

/** Wrong → Again; right → Good; right and fast → Easy. The candidate can still override it. */
export function defaultRating(
  result: AutoGradeResult,
  thresholds: Readonly<Record<AutoGradeResult["kind"], number>> = FAST_THRESHOLD_MS,
): Rating {
  if (!result.correct) return "again";
  return result.durationMs <= thresholds[result.kind] ? "easy" : "good";
}

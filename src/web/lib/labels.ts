import type { Level, QuestionStatus } from "../../api/types.ts";

/** Levels and statuses are ids on the wire ("fresher"); on screen they are names, like topics. */
export const LEVEL_LABELS: Record<Level, string> = {
  fresher: "Fresher",
  intermediate: "Intermediate",
  expert: "Expert",
};

export const STATUS_LABELS: Record<QuestionStatus, string> = {
  new: "New",
  learning: "Learning",
  due: "Due",
  mastered: "Mastered",
};

/** "1 card", "2 cards". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

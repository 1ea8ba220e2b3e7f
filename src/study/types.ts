import type { Level } from "../content/schema.ts";

/** What a card asks for: recall of a concept, a predicted output, or a written function. */
export type CardKind = "concept" | "drill" | "exercise";

/**
 * A card the bank offers today. Only `id` is remembered by the store; everything
 * else is re-derived from the bank, so editing a question's text never touches history.
 */
export interface StudyCard {
  id: string;
  questionId: string;
  kind: CardKind;
  /** `drill-1`, `exercise-2`; absent on the concept card. */
  key?: string;
  level: Level;
  topics: readonly string[];
  difficulty: 1 | 2 | 3;
  /** The question text for a concept card, the drill or exercise title otherwise. */
  title: string;
}

export const RATINGS = ["again", "hard", "good", "easy"] as const;
export type Rating = (typeof RATINGS)[number];

export const CARD_STATUSES = ["new", "learning", "review", "relearning"] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** One user's memory of one card: ts-fsrs's `Card`, with names we own and the card id attached. */
export interface CardState {
  cardId: string;
  status: CardStatus;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
  /** When the card was first rated: the daily new-card limit counts these. */
  introducedAt: Date | null;
}

/** Whatever the grader showed the candidate (diff, checklist, test results); stored as JSON. */
export type GradeDetails = Readonly<Record<string, unknown>>;

/** One entry of the append-only review log. */
export interface ReviewRecord {
  /** Client-generated; a retry with the same key is the same review. */
  idempotencyKey: string;
  cardId: string;
  rating: Rating;
  reviewedAt: Date;
  durationMs: number;
  /** Status before the review: true retention counts only reviews of cards already learned. */
  previousStatus: CardStatus;
  /** The state this review produced, so a retried request can be answered with the first result. */
  stateAfter: CardState;
  grade: GradeDetails | null;
}

/** The parts of a user's settings the study engine reads. */
export interface StudySettings {
  dailyNewLimit: number;
  desiredRetention: number;
  /** Levels in rotation; empty means every level. */
  levels: readonly Level[];
  /** Topic ids in rotation; empty means every topic. */
  topics: readonly string[];
}

import type { Question, Rating, ReviewGrade, SessionCard } from "../../api/types.ts";

/** What every card screen gets, and what it reports when the candidate rates. */
export interface CardProps {
  card: SessionCard;
  question: Question;
  /** Milliseconds since this card was shown: the session keeps the one clock. */
  elapsedMs: () => number;
  /** `durationMs` defaults to the time shown so far (drills and exercises pass the time at grading). */
  onRate: (rating: Rating, grade: ReviewGrade | undefined, durationMs?: number) => void;
}

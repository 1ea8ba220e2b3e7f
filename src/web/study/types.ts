import type { Question, Rating, ReviewGrade, SessionCard } from "../../api/types.ts";

/** What every card screen gets, and what it reports when the candidate rates. */
export interface CardProps {
  card: SessionCard;
  question: Question;
  onRate: (rating: Rating, grade: ReviewGrade | undefined, durationMs: number) => void;
}

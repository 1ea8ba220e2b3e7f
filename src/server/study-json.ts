import type {
  CardState as ApiCardState,
  QuestionStatus,
  RatingNumber,
  SessionCard,
} from "../api/types.ts";
import { MASTERY_STABILITY_DAYS } from "../study/stats.ts";
import type { CardState, Rating, StudyCard } from "../study/types.ts";
import type { BankView } from "./bank-view.ts";

export type SessionCardJson = SessionCard;

const RATING_OF_NUMBER: Readonly<Record<RatingNumber, Rating>> = {
  1: "again",
  2: "hard",
  3: "good",
  4: "easy",
};

/** The wire's 1-4 as the study engine's names: the one place the two forms meet. */
export function ratingFromNumber(rating: RatingNumber): Rating {
  return RATING_OF_NUMBER[rating];
}
export type CardStateJson = ApiCardState;

export function cardStateJson(state: CardState | undefined): CardStateJson | null {
  if (!state || state.status === "new") return null;
  return {
    due: state.due.toISOString(),
    stability: state.stability,
    difficulty: state.difficulty,
    reps: state.reps,
    lapses: state.lapses,
    state: state.status,
    lastReview: state.lastReview?.toISOString() ?? null,
  };
}

export function sessionCardJson(
  view: BankView,
  card: StudyCard,
  state: CardState | undefined,
): SessionCardJson {
  return {
    id: card.id,
    questionId: card.questionId,
    kind: card.kind,
    ...(card.key ? { key: card.key } : {}),
    level: card.level,
    topics: card.topics,
    question: view.bank.byId.get(card.questionId)?.question ?? card.title,
    title: card.title,
    state: cardStateJson(state),
  };
}

export type { QuestionStatus };

/** A question's status is its concept card's: the card that asks the question itself. */
export function questionStatus(state: CardState | undefined, now: Date): QuestionStatus {
  if (!state || state.status === "new") return "new";
  if (state.due.getTime() <= now.getTime()) return "due";
  if (state.status === "review" && state.stability >= MASTERY_STABILITY_DAYS) return "mastered";
  return "learning";
}

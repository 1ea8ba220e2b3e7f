import type { Level } from "../content/schema.ts";
import { MASTERY_STABILITY_DAYS } from "../study/stats.ts";
import type { CardKind, CardState, CardStatus, StudyCard } from "../study/types.ts";
import type { BankView } from "./bank-view.ts";

/** The contract's `SessionCard` (docs/api.md). */
export interface SessionCardJson {
  id: string;
  questionId: string;
  kind: CardKind;
  key?: string;
  level: Level;
  topics: readonly string[];
  /** The question's text (for drills and exercises, the question they belong to). */
  question: string;
  /** The card's own title: the question for a concept card, the drill or exercise title. */
  title: string;
  state: CardStateJson | null;
}

export interface CardStateJson {
  due: string;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  state: CardStatus;
  lastReview: string | null;
}

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

export type QuestionStatus = "new" | "learning" | "due" | "mastered";

/** A question's status is its concept card's: the card that asks the question itself. */
export function questionStatus(state: CardState | undefined, now: Date): QuestionStatus {
  if (!state || state.status === "new") return "new";
  if (state.due.getTime() <= now.getTime()) return "due";
  if (state.status === "review" && state.stability >= MASTERY_STABILITY_DAYS) return "mastered";
  return "learning";
}

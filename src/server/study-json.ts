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

/**
 * `sessionCardJson` as JSON text. A session can list every card of the bank, and turning
 * the cards' unchanging fields (the question's text above all) into JSON again on each
 * request cost more than reading the states: that part is serialised once per bank view.
 * `state` is the last key of the object, so the text is exactly `JSON.stringify` of it.
 */
export function sessionCardText(
  view: BankView,
  card: StudyCard,
  state: CardState | undefined,
): string {
  let prefixes = cardPrefixes.get(view);
  if (!prefixes) {
    prefixes = new Map();
    cardPrefixes.set(view, prefixes);
  }
  let prefix = prefixes.get(card.id);
  if (prefix === undefined) {
    const { state: _, ...fixed } = sessionCardJson(view, card, undefined);
    prefix = `${JSON.stringify(fixed).slice(0, -1)},"state":`;
    prefixes.set(card.id, prefix);
  }
  return `${prefix}${cardStateText(state)}}`;
}
const cardPrefixes = new WeakMap<BankView, Map<string, string>>();

/** `JSON.stringify(cardStateJson(state))`, written out: every field is a number, a date or an enum. */
function cardStateText(state: CardState | undefined): string {
  if (!state || state.status === "new") return "null";
  const last = state.lastReview ? `"${state.lastReview.toISOString()}"` : "null";
  return `{"due":"${state.due.toISOString()}","stability":${numberText(state.stability)},"difficulty":${numberText(state.difficulty)},"reps":${numberText(state.reps)},"lapses":${numberText(state.lapses)},"state":"${state.status}","lastReview":${last}}`;
}
/** As JSON writes a number: not finite is null. */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : "null";
}

export type { QuestionStatus };

/** A question's status is its concept card's: the card that asks the question itself. */
export function questionStatus(state: CardState | undefined, now: Date): QuestionStatus {
  if (!state || state.status === "new") return "new";
  if (state.due.getTime() <= now.getTime()) return "due";
  if (state.status === "review" && state.stability >= MASTERY_STABILITY_DAYS) return "mastered";
  return "learning";
}

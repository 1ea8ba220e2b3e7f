import type { Selectable } from "kysely";
import type { CardState, CardStatus, GradeDetails, Rating, ReviewRecord } from "../study/types.ts";
import type { CardStatesTable, ReviewsTable } from "./schema.ts";

/** int8 comes back from node-postgres as a string, from SQLite as a number. */
export function toNumber(value: number | string | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`stored integer out of range: ${value}`);
  return n;
}

export function toDate(value: number | string | bigint): Date {
  return new Date(toNumber(value));
}

export function toDateOrNull(value: number | string | bigint | null): Date | null {
  return value === null ? null : toDate(value);
}

export function cardStateRow(userId: string, state: CardState, version: number) {
  return {
    user_id: userId,
    card_id: state.cardId,
    status: state.status,
    due: state.due.getTime(),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    last_review: state.lastReview?.getTime() ?? null,
    introduced_at: state.introducedAt?.getTime() ?? null,
    version,
  };
}

export function cardStateFromRow(row: Selectable<CardStatesTable>): CardState {
  return {
    cardId: row.card_id,
    status: row.status as CardStatus,
    due: toDate(row.due),
    stability: Number(row.stability),
    difficulty: Number(row.difficulty),
    elapsedDays: Number(row.elapsed_days),
    scheduledDays: Number(row.scheduled_days),
    learningSteps: Number(row.learning_steps),
    reps: Number(row.reps),
    lapses: Number(row.lapses),
    lastReview: toDateOrNull(row.last_review),
    introducedAt: toDateOrNull(row.introduced_at),
  };
}

/** A card state as JSON: dates as ISO strings, which keep every millisecond. */
export interface CardStateJson {
  cardId: string;
  status: CardStatus;
  due: string;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: string | null;
  introducedAt: string | null;
}

export function cardStateToJson(state: CardState): CardStateJson {
  return {
    ...state,
    due: state.due.toISOString(),
    lastReview: state.lastReview?.toISOString() ?? null,
    introducedAt: state.introducedAt?.toISOString() ?? null,
  };
}

export function cardStateFromJson(json: CardStateJson): CardState {
  return {
    ...json,
    due: new Date(json.due),
    lastReview: json.lastReview === null ? null : new Date(json.lastReview),
    introducedAt: json.introducedAt === null ? null : new Date(json.introducedAt),
  };
}

export function reviewRow(userId: string, review: ReviewRecord) {
  return {
    user_id: userId,
    idempotency_key: review.idempotencyKey,
    card_id: review.cardId,
    rating: review.rating,
    reviewed_at: review.reviewedAt.getTime(),
    duration_ms: review.durationMs,
    previous_status: review.previousStatus,
    state_after: JSON.stringify(cardStateToJson(review.stateAfter)),
    grade: review.grade === null ? null : JSON.stringify(review.grade),
  };
}

export function reviewFromRow(row: Omit<Selectable<ReviewsTable>, "id" | "user_id">): ReviewRecord {
  return {
    idempotencyKey: row.idempotency_key,
    cardId: row.card_id,
    rating: row.rating as Rating,
    reviewedAt: toDate(row.reviewed_at),
    durationMs: Number(row.duration_ms),
    previousStatus: row.previous_status as CardStatus,
    stateAfter: cardStateFromJson(JSON.parse(row.state_after) as CardStateJson),
    grade: row.grade === null ? null : (JSON.parse(row.grade) as GradeDetails),
  };
}

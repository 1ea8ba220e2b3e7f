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

/** A JSON value's first problem for storage: too deep to write back, or text that cannot be. */
export interface JsonProblem {
  /** Dotted path from the value's root, e.g. `reviews.3.grade.note`; "" for the root. */
  path: string;
  reason: string;
}

/** Matches lone UTF-16 surrogates only: with the `u` flag a proper pair is one code point. */
const LONE_SURROGATE = /\p{Cs}/u;
/** PostgreSQL text cannot hold U+0000 (SQLite can): refused on both, so both agree. */
const NUL = "\u0000";

/**
 * Why `value` cannot be stored and read back as it is, or null. Nesting deeper than
 * `maxDepth` would make `JSON.stringify` overflow the stack (a 500), a lone surrogate
 * comes back from either database as U+FFFD, so an idempotency key holding one would
 * not match itself after a round trip, and PostgreSQL refuses a NUL outright. Walks with its own stack: the input may be deep.
 */
export function jsonValueProblem(value: unknown, maxDepth: number): JsonProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: v, path, depth } = item;
    if (typeof v === "string") {
      if (LONE_SURROGATE.test(v)) {
        return { path, reason: "holds a lone UTF-16 surrogate, which cannot be stored as text" };
      }
      if (v.includes(NUL)) return { path, reason: "holds a NUL character (\\u0000)" };
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth >= maxDepth) return { path, reason: `nests deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i], path: join(path, i), depth: depth + 1 });
      }
      continue;
    }
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      if (LONE_SURROGATE.test(key) || key.includes(NUL)) {
        return { path: join(path, key), reason: "the name holds a character text cannot store" };
      }
      stack.push({ value: child, path: join(path, key), depth: depth + 1 });
    }
  }
  return null;
}

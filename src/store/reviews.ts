import type { Kysely } from "kysely";
import { schedule } from "../study/scheduler.ts";
import {
  type CardState,
  type GradeDetails,
  RATINGS,
  type Rating,
  type ReviewRecord,
} from "../study/types.ts";
import { cardStateFromRow, cardStateRow, reviewFromRow, reviewRow } from "./codec.ts";
import type { Connection } from "./connect.ts";
import { StoreInputError, UnknownUserError, WriteConflictError } from "./errors.ts";
import type { Database } from "./schema.ts";
import { DEFAULT_SETTINGS } from "./settings.ts";
import { writeTransaction } from "./transaction.ts";

export interface ReviewInput {
  cardId: string;
  rating: Rating;
  reviewedAt: Date;
  durationMs: number;
  /** Client-generated (a UUID); a retry with the same key returns the first result. */
  idempotencyKey: string;
  /** What the grader showed: diff, checklist, test results. Stored as JSON. */
  grade?: GradeDetails | null;
}

export interface RecordedReview {
  /** The card's state right after this review (for a duplicate: after the first one). */
  state: CardState;
  review: ReviewRecord;
  /** True when the key had been recorded already; nothing was written this time. */
  duplicate: boolean;
}

export interface ReviewRange {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  cardId?: string;
  limit?: number;
}

const MAX_DURATION_MS = 2_147_483_647;

export function checkReviewInput(input: ReviewInput): void {
  const text = (field: string, value: unknown, max: number) => {
    if (typeof value !== "string" || value.length === 0 || value.length > max) {
      throw new StoreInputError(field, `must be a string of 1 to ${max} characters`);
    }
  };
  text("cardId", input.cardId, 300);
  text("idempotencyKey", input.idempotencyKey, 200);
  if (!RATINGS.includes(input.rating)) {
    throw new StoreInputError("rating", `must be one of ${RATINGS.join(", ")}`);
  }
  if (!(input.reviewedAt instanceof Date) || Number.isNaN(input.reviewedAt.getTime())) {
    throw new StoreInputError("reviewedAt", "must be a valid date");
  }
  if (
    !Number.isInteger(input.durationMs) ||
    input.durationMs < 0 ||
    input.durationMs > MAX_DURATION_MS
  ) {
    throw new StoreInputError("durationMs", "must be a whole number of milliseconds ≥ 0");
  }
  if (input.grade !== undefined && input.grade !== null && typeof input.grade !== "object") {
    throw new StoreInputError("grade", "must be an object or null");
  }
}

/**
 * Appends the review and moves the card's state in one transaction. The state row
 * carries a version; the update only lands if the version is still the one read,
 * so two concurrent reviews of one card both count, one after the other.
 */
export async function recordReview(
  connection: Connection,
  userId: string,
  input: ReviewInput,
): Promise<RecordedReview> {
  checkReviewInput(input);
  return writeTransaction(connection, async (trx) => {
    // One query answers three questions: does the user exist, what retention do
    // they want, and was this key recorded already.
    const head = await trx
      .selectFrom("users")
      .leftJoin("settings", "settings.user_id", "users.id")
      .leftJoin("reviews", (join) =>
        join
          .onRef("reviews.user_id", "=", "users.id")
          .on("reviews.idempotency_key", "=", input.idempotencyKey),
      )
      .select([
        "settings.desired_retention",
        "reviews.idempotency_key",
        "reviews.card_id",
        "reviews.rating",
        "reviews.reviewed_at",
        "reviews.duration_ms",
        "reviews.previous_status",
        "reviews.state_after",
        "reviews.grade",
      ])
      .where("users.id", "=", userId)
      .executeTakeFirst();
    if (!head) throw new UnknownUserError(userId);
    if (head.idempotency_key !== null) {
      const earlier = reviewFromRow(head as Parameters<typeof reviewFromRow>[0]);
      return { state: earlier.stateAfter, review: earlier, duplicate: true };
    }
    const desiredRetention =
      head.desired_retention === null
        ? DEFAULT_SETTINGS.desiredRetention
        : Number(head.desired_retention);

    let current = trx
      .selectFrom("card_states")
      .selectAll()
      .where("user_id", "=", userId)
      .where("card_id", "=", input.cardId);
    if (connection.dialect === "postgres") current = current.forUpdate();
    const row = await current.executeTakeFirst();
    const before = row ? cardStateFromRow(row) : undefined;

    const { state, previousStatus } = schedule(
      input.cardId,
      before,
      input.rating,
      input.reviewedAt,
      { desiredRetention },
    );
    const review: ReviewRecord = {
      idempotencyKey: input.idempotencyKey,
      cardId: input.cardId,
      rating: input.rating,
      reviewedAt: input.reviewedAt,
      durationMs: input.durationMs,
      previousStatus,
      stateAfter: state,
      grade: input.grade ?? null,
    };
    await trx.insertInto("reviews").values(reviewRow(userId, review)).execute();
    await writeCardState(trx, userId, state, row ? Number(row.version) : null);
    return { state, review, duplicate: false };
  });
}

/** Inserts (expectedVersion null) or compare-and-swaps the state row. */
export async function writeCardState(
  trx: Kysely<Database>,
  userId: string,
  state: CardState,
  expectedVersion: number | null,
): Promise<void> {
  if (expectedVersion === null) {
    // A concurrent first review of the same card makes this fail with a unique
    // violation; the transaction is retried and then takes the update path.
    await trx
      .insertInto("card_states")
      .values(cardStateRow(userId, state, 1))
      .execute();
    return;
  }
  const {
    user_id: _user,
    card_id: _card,
    ...values
  } = cardStateRow(userId, state, expectedVersion + 1);
  const result = await trx
    .updateTable("card_states")
    .set(values)
    .where("user_id", "=", userId)
    .where("card_id", "=", state.cardId)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new WriteConflictError(`card ${state.cardId}`);
}

export async function listCardStates(db: Kysely<Database>, userId: string): Promise<CardState[]> {
  const rows = await db
    .selectFrom("card_states")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("card_id")
    .execute();
  return rows.map(cardStateFromRow);
}

export async function getCardState(
  db: Kysely<Database>,
  userId: string,
  cardId: string,
): Promise<CardState | undefined> {
  const row = await db
    .selectFrom("card_states")
    .selectAll()
    .where("user_id", "=", userId)
    .where("card_id", "=", cardId)
    .executeTakeFirst();
  return row && cardStateFromRow(row);
}

/** Oldest first; ties in time keep the order they were recorded in. */
export async function listReviews(
  db: Kysely<Database>,
  userId: string,
  range: ReviewRange = {},
): Promise<ReviewRecord[]> {
  let query = db.selectFrom("reviews").selectAll().where("user_id", "=", userId);
  if (range.from) query = query.where("reviewed_at", ">=", range.from.getTime());
  if (range.to) query = query.where("reviewed_at", "<", range.to.getTime());
  if (range.cardId) query = query.where("card_id", "=", range.cardId);
  query = query.orderBy("reviewed_at").orderBy("id");
  if (range.limit !== undefined) query = query.limit(range.limit);
  const rows = await query.execute();
  return rows.map(reviewFromRow);
}

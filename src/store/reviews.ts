import type BetterSqlite3 from "better-sqlite3";
import type { CompiledQuery, InsertResult, Kysely, Selectable, UpdateResult } from "kysely";
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
import type { CardStatesTable, Database } from "./schema.ts";
import { DEFAULT_SETTINGS } from "./settings.ts";
import { HandleInTransactionError, retryWhileBusy, writeTransaction } from "./transaction.ts";

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
  const { sqlite, prepare } = connection;
  if (sqlite && prepare) {
    // SQLite's path: the same steps, compiled by Kysely, run synchronously on the
    // better-sqlite3 handle inside one `BEGIN IMMEDIATE`. Nothing else in the process can
    // interleave with a synchronous transaction, which makes a review a few tens of
    // microseconds instead of six awaited round trips through Kysely's driver.
    const transaction = sqlite.transaction(() =>
      runSync(reviewSteps(connection.db, userId, input), prepare),
    );
    return retryWhileBusy(() => {
      // An async Kysely transaction (an import, say) may hold this very handle open
      // between its awaits; joining it would nest our writes inside someone else's.
      if (sqlite.inTransaction) throw new HandleInTransactionError();
      return transaction.immediate();
    });
  }
  return writeTransaction(connection, (trx) => runAsync(reviewSteps(trx, userId, input)));
}

/**
 * One database call of a review: `first` reads a row (and receives it, or undefined),
 * `write` inserts or updates (and receives the number of rows changed). `lock` asks for
 * `FOR UPDATE` where the dialect has row locks. The queries are Kysely builders; the
 * drivers need only this much of them.
 */
type Step = { kind: "first"; query: ReadQuery; lock?: true } | { kind: "write"; query: WriteQuery };
interface ReadQuery {
  compile(): CompiledQuery;
  executeTakeFirst(): Promise<unknown>;
  forUpdate(): ReadQuery;
}
interface WriteQuery {
  compile(): CompiledQuery;
  executeTakeFirst(): Promise<InsertResult | UpdateResult>;
}

/** The steps of a review, written once: each driver only says how a query runs. */
function* reviewSteps(
  db: Kysely<Database>,
  userId: string,
  input: ReviewInput,
): Generator<Step, Plan, unknown> {
  const head = yield* first<Head>(headQuery(db, userId, input.idempotencyKey));
  const row =
    head && head.idempotency_key === null
      ? yield* first<StateRow>(stateQuery(db, userId, input.cardId), true)
      : undefined;
  const plan = planReview(userId, input, head, row);
  if (plan.duplicate) return plan;
  yield* write(db.insertInto("reviews").values(reviewRow(userId, plan.review)));
  const changed = yield* write(stateWrite(db, userId, plan.state, plan.expectedVersion));
  checkStateWritten(changed, plan.state.cardId, plan.expectedVersion);
  return plan;
}

function* first<Row>(query: ReadQuery, lock?: true): Generator<Step, Row | undefined, unknown> {
  return (yield lock ? { kind: "first", query, lock } : { kind: "first", query }) as
    | Row
    | undefined;
}

function* write(query: WriteQuery): Generator<Step, number, unknown> {
  return (yield { kind: "write", query }) as number;
}

/** Runs the steps on better-sqlite3, synchronously: call it inside `sqlite.transaction`. */
function runSync<T>(
  steps: Generator<Step, T, unknown>,
  prepare: (sql: string) => BetterSqlite3.Statement,
): T {
  let reply: unknown;
  for (;;) {
    const next = steps.next(reply);
    if (next.done) return next.value;
    const { sql, parameters } = next.value.query.compile();
    const statement = prepare(sql);
    reply =
      next.value.kind === "first"
        ? statement.get(...parameters)
        : statement.run(...parameters).changes;
  }
}

/** Runs the steps through Kysely inside `writeTransaction`, locking rows where asked. */
async function runAsync<T>(steps: Generator<Step, T, unknown>): Promise<T> {
  let reply: unknown;
  for (;;) {
    const next = steps.next(reply);
    if (next.done) return next.value;
    const step = next.value;
    if (step.kind === "first") {
      reply = await (step.lock ? step.query.forUpdate() : step.query).executeTakeFirst();
    } else {
      reply = changedRows(await step.query.executeTakeFirst());
    }
  }
}

type Head = NonNullable<Awaited<ReturnType<ReturnType<typeof headQuery>["executeTakeFirst"]>>>;
type StateRow = Selectable<CardStatesTable>;

/** One query answers three questions: does the user exist, what retention do they want,
 * and was this key recorded already. */
function headQuery(db: Kysely<Database>, userId: string, idempotencyKey: string) {
  return db
    .selectFrom("users")
    .leftJoin("settings", "settings.user_id", "users.id")
    .leftJoin("reviews", (join) =>
      join
        .onRef("reviews.user_id", "=", "users.id")
        .on("reviews.idempotency_key", "=", idempotencyKey),
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
    .where("users.id", "=", userId);
}

function stateQuery(db: Kysely<Database>, userId: string, cardId: string) {
  return db
    .selectFrom("card_states")
    .selectAll()
    .where("user_id", "=", userId)
    .where("card_id", "=", cardId);
}

type Plan = RecordedReview & { expectedVersion: number | null };

/** The decision, with no I/O: a duplicate's first answer, or the new state and review. */
function planReview(
  userId: string,
  input: ReviewInput,
  head: Head | undefined,
  row: StateRow | undefined,
): Plan {
  if (!head) throw new UnknownUserError(userId);
  if (head.idempotency_key !== null) {
    const earlier = reviewFromRow(head as Parameters<typeof reviewFromRow>[0]);
    return { state: earlier.stateAfter, review: earlier, duplicate: true, expectedVersion: null };
  }
  const desiredRetention =
    head.desired_retention === null
      ? DEFAULT_SETTINGS.desiredRetention
      : Number(head.desired_retention);
  const before = row ? cardStateFromRow(row) : undefined;
  const { state, previousStatus } = schedule(input.cardId, before, input.rating, input.reviewedAt, {
    desiredRetention,
  });
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
  return { state, review, duplicate: false, expectedVersion: row ? Number(row.version) : null };
}

/**
 * Inserts (expectedVersion null) or compare-and-swaps the state row. A concurrent first
 * review of the same card makes the insert fail with a unique violation; the
 * transaction is retried and then takes the update path.
 */
function stateWrite(
  db: Kysely<Database>,
  userId: string,
  state: CardState,
  expectedVersion: number | null,
) {
  if (expectedVersion === null)
    return db.insertInto("card_states").values(cardStateRow(userId, state, 1));
  const {
    user_id: _user,
    card_id: _card,
    ...values
  } = cardStateRow(userId, state, expectedVersion + 1);
  return db
    .updateTable("card_states")
    .set(values)
    .where("user_id", "=", userId)
    .where("card_id", "=", state.cardId)
    .where("version", "=", expectedVersion);
}

/** Rows an insert or update changed, as both dialects' drivers report it. */
function changedRows(result: InsertResult | UpdateResult): number {
  return Number(
    "numUpdatedRows" in result ? result.numUpdatedRows : (result.numInsertedOrUpdatedRows ?? 1),
  );
}

/** A compare-and-swap that touched no row lost a race: the transaction is retried. */
function checkStateWritten(changed: number, cardId: string, expectedVersion: number | null): void {
  if (expectedVersion !== null && changed !== 1) {
    throw new WriteConflictError(`card ${cardId}`);
  }
}

/** Inserts (expectedVersion null) or compare-and-swaps the state row (used by import). */
export async function writeCardState(
  trx: Kysely<Database>,
  userId: string,
  state: CardState,
  expectedVersion: number | null,
): Promise<void> {
  const result = await stateWrite(trx, userId, state, expectedVersion).executeTakeFirst();
  checkStateWritten(changedRows(result), state.cardId, expectedVersion);
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

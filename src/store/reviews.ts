import type BetterSqlite3 from "better-sqlite3";
import { type CompiledQuery, type Kysely, type QueryCreator, type Selectable, sql } from "kysely";
import pg from "pg";
import { schedule } from "../study/scheduler.ts";
import { DAY_MS, MINUTE_MS } from "../study/time.ts";
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
import { compiledOnce, namedStatement } from "./prepared.ts";
import type { CardStatesTable, Database, DialectName } from "./schema.ts";
import { DEFAULT_SETTINGS } from "./settings.ts";
import { groupCommit, retryKind, writeTransaction } from "./transaction.ts";

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
  const { db, dialect, sqlite, prepare } = connection;
  if (sqlite && prepare) {
    // SQLite's path: the steps run synchronously on the better-sqlite3 handle inside
    // `BEGIN IMMEDIATE`, so nothing else in the process can interleave; the reviews of one
    // event-loop turn share that transaction and its commit (`groupCommit`).
    return committer(sqlite)(() => runSync(reviewSteps(db, dialect, userId, input), prepare));
  }
  // PostgreSQL: first without a transaction, two round trips: one read, then one write
  // statement that commits by itself and only lands if the state is still the one read.
  // A lost race (that compare-and-swap, or a unique key) then takes the locking path.
  // Both statements on one pooled connection (one checkout instead of two), sent as
  // named prepared statements straight to pg: Kysely's driver would parse them anew.
  try {
    if (connection.pool)
      return await runPooled(reviewSteps(db, dialect, userId, input), connection.pool);
    return await db
      .connection()
      .execute((conn) => runAsync(reviewSteps(conn, dialect, userId, input), conn, false));
  } catch (error) {
    if (retryKind(error) !== "conflict") throw error;
  }
  return writeTransaction(connection, (trx) =>
    runAsync(reviewSteps(trx, dialect, userId, input), trx, true),
  );
}

const committers = new WeakMap<BetterSqlite3.Database, ReturnType<typeof groupCommit>>();
function committer(sqlite: BetterSqlite3.Database): ReturnType<typeof groupCommit> {
  let commit = committers.get(sqlite);
  if (!commit) {
    commit = groupCommit(sqlite);
    committers.set(sqlite, commit);
  }
  return commit;
}

/**
 * One database call of a review. `first` reads a row (and receives it, or undefined);
 * `write` inserts or updates (and receives the number of rows changed); `lock` takes the
 * card's row lock, and runs only where a driver holds a transaction that needs one.
 */
type Step = { kind: "first" | "write" | "lock"; query: CompiledQuery };

/** The steps of a review, written once: each driver only says how a query runs. */
function* reviewSteps(
  db: Kysely<Database>,
  dialect: DialectName,
  userId: string,
  input: ReviewInput,
): Generator<Step, Plan, unknown> {
  const { cardId, idempotencyKey: key } = input;
  yield { kind: "lock", query: lockQuery(db, { userId, cardId }) };
  const head = (yield { kind: "first", query: headQuery(db, { userId, key, cardId }) }) as
    | HeadRow
    | undefined;
  const plan = planReview(userId, input, head);
  if (plan.duplicate) return plan;
  const version = plan.expectedVersion;
  const state = stateArgs(userId, plan.state, version);
  const review = reviewRow(userId, plan.review);
  if (dialect === "postgres") {
    // One statement: the state write feeds the review insert, so a lost compare-and-swap
    // writes nothing at all.
    const query = (version === null ? insertStateAndReview : updateStateAndReview)(db, {
      ...state,
      ...review,
    });
    checkStateWritten((yield { kind: "write", query }) as number, cardId, version);
  } else {
    const query = (version === null ? insertState : updateState)(db, state);
    checkStateWritten((yield { kind: "write", query }) as number, cardId, version);
    yield { kind: "write", query: insertReview(db, review) };
  }
  return plan;
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
    const { kind, query } = next.value;
    // BEGIN IMMEDIATE already holds the database's write lock.
    if (kind === "lock") {
      reply = undefined;
      continue;
    }
    const statement = prepare(query.sql);
    reply =
      kind === "first"
        ? statement.get(...query.parameters)
        : statement.run(...query.parameters).changes;
  }
}

/** Runs the steps through Kysely: on the pool (autocommit), or inside `writeTransaction`. */
async function runAsync<T>(
  steps: Generator<Step, T, unknown>,
  db: Kysely<Database>,
  locking: boolean,
): Promise<T> {
  let reply: unknown;
  for (;;) {
    const next = steps.next(reply);
    if (next.done) return next.value;
    const { kind, query } = next.value;
    if (kind === "lock" && !locking) {
      reply = undefined;
      continue;
    }
    const result = await db.executeQuery(query);
    reply = kind === "write" ? Number(result.numAffectedRows ?? 0) : result.rows[0];
  }
}

/** Runs the steps on one pg client, autocommit, as named statements; no `lock` step runs. */
async function runPooled<T>(steps: Generator<Step, T, unknown>, pool: pg.Pool): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    let reply: unknown;
    for (;;) {
      const next = steps.next(reply);
      if (next.done) return next.value;
      const { kind, query } = next.value;
      if (kind === "lock") {
        reply = undefined;
        continue;
      }
      const result = await client.query(namedStatement(query)).catch((error: Error) => {
        // A connection that failed (not a statement the server refused) must not go back.
        if (!(error instanceof pg.DatabaseError)) broken = error;
        throw error;
      });
      reply = kind === "write" ? (result.rowCount ?? 0) : result.rows[0];
    }
  } finally {
    client.release(broken);
  }
}

const STATE_PREFIX = "state_";

/**
 * One query answers four questions: does the user exist, what retention do they want,
 * was this key recorded already, and where is the card now.
 */
const headQuery = compiledOnce((db, a: { userId: string; key: string; cardId: string }) =>
  db
    .selectFrom("users")
    .leftJoin("settings", "settings.user_id", "users.id")
    .leftJoin("reviews", (join) =>
      join.onRef("reviews.user_id", "=", "users.id").on("reviews.idempotency_key", "=", a.key),
    )
    .leftJoin("card_states", (join) =>
      join.onRef("card_states.user_id", "=", "users.id").on("card_states.card_id", "=", a.cardId),
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
    .select(STATE_COLUMNS.map((c) => `card_states.${c} as ${STATE_PREFIX}${c}` as const))
    .where("users.id", "=", a.userId),
);

const lockQuery = compiledOnce((db, a: { userId: string; cardId: string }) =>
  db
    .selectFrom("card_states")
    .select("version")
    .where("user_id", "=", a.userId)
    .where("card_id", "=", a.cardId)
    .forUpdate(),
);

type HeadRow = { desired_retention: number | null; idempotency_key: string | null } & Record<
  string,
  unknown
>;
type StateRow = Selectable<CardStatesTable>;

/** The card-state columns the head query reads (all but the user id, which it filters on). */
const STATE_COLUMNS = [
  "card_id",
  "status",
  "due",
  "stability",
  "difficulty",
  "elapsed_days",
  "scheduled_days",
  "learning_steps",
  "reps",
  "lapses",
  "last_review",
  "introduced_at",
  "version",
] as const;

type Plan = RecordedReview & { expectedVersion: number | null };

/** The decision, with no I/O: a duplicate's first answer, or the new state and review. */
function planReview(userId: string, input: ReviewInput, head: HeadRow | undefined): Plan {
  if (!head) throw new UnknownUserError(userId);
  if (head.idempotency_key !== null) {
    const earlier = reviewFromRow(head as unknown as Parameters<typeof reviewFromRow>[0]);
    return { state: earlier.stateAfter, review: earlier, duplicate: true, expectedVersion: null };
  }
  const desiredRetention =
    head.desired_retention === null
      ? DEFAULT_SETTINGS.desiredRetention
      : Number(head.desired_retention);
  const row =
    head[`${STATE_PREFIX}version`] === null
      ? undefined
      : (Object.fromEntries(
          STATE_COLUMNS.map((c) => [c, head[`${STATE_PREFIX}${c}`]]),
        ) as unknown as StateRow);
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

type StateArgs = ReturnType<typeof cardStateRow> & { expected_version: number };
type ReviewArgs = ReturnType<typeof reviewRow>;

/** The state row to write: version 1 for a first review, else one past the version read. */
function stateArgs(userId: string, state: CardState, expectedVersion: number | null): StateArgs {
  const version = expectedVersion ?? 0;
  return { ...cardStateRow(userId, state, version + 1), expected_version: version };
}

/** The columns of a state row; `compiledOnce` placeholders have no keys to spread. */
const STATE_ROW_COLUMNS = ["user_id", ...STATE_COLUMNS] as const;
const pick = <A, K extends keyof A>(a: A, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, a[k]])) as Pick<A, K>;
const stateValues = (a: StateArgs) => pick(a, STATE_ROW_COLUMNS);
const stateChanges = (a: StateArgs) =>
  pick(
    a,
    STATE_COLUMNS.filter((c) => c !== "card_id"),
  );

const insertState = compiledOnce((db, a: StateArgs) =>
  db.insertInto("card_states").values(stateValues(a)),
);

/** A compare-and-swap: lands only if nobody wrote the row since it was read. */
const updateState = compiledOnce((db, a: StateArgs) =>
  db
    .updateTable("card_states")
    .set(stateChanges(a))
    .where("user_id", "=", a.user_id)
    .where("card_id", "=", a.card_id)
    .where("version", "=", a.expected_version),
);

const insertReview = compiledOnce((db, a: ReviewArgs) =>
  db.insertInto("reviews").values(pick(a, REVIEW_COLUMNS)),
);

/** PostgreSQL types of the review columns: `INSERT … SELECT $n` needs them spelled out. */
const REVIEW_TYPES = {
  user_id: "text",
  idempotency_key: "text",
  card_id: "text",
  rating: "text",
  reviewed_at: "bigint",
  duration_ms: "integer",
  previous_status: "text",
  state_after: "text",
  grade: "text",
} as const satisfies Record<keyof ReviewArgs, string>;
const REVIEW_COLUMNS = Object.keys(REVIEW_TYPES) as (keyof ReviewArgs)[];

/** `WITH written AS (<state write> RETURNING …) INSERT INTO reviews … SELECT … FROM written`. */
function reviewFromWritten(
  db: QueryCreator<Database & { written: { card_id: string } }>,
  a: ReviewArgs,
) {
  return db
    .insertInto("reviews")
    .columns(REVIEW_COLUMNS)
    .expression((eb) =>
      eb
        .selectFrom("written")
        .select(REVIEW_COLUMNS.map((c) => eb.cast(eb.val(a[c]), REVIEW_TYPES[c]).as(c))),
    );
}

const insertStateAndReview = compiledOnce((db, a: StateArgs & ReviewArgs) =>
  reviewFromWritten(
    db.with("written", (qb) =>
      qb.insertInto("card_states").values(stateValues(a)).returning("card_id"),
    ),
    a,
  ),
);

const updateStateAndReview = compiledOnce((db, a: StateArgs & ReviewArgs) =>
  reviewFromWritten(
    db.with("written", (qb) =>
      qb
        .updateTable("card_states")
        .set(stateChanges(a))
        .where("user_id", "=", a.user_id)
        .where("card_id", "=", a.card_id)
        .where("version", "=", a.expected_version)
        .returning("card_id"),
    ),
    a,
  ),
);

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
  const args = stateArgs(userId, state, expectedVersion);
  const result = await trx.executeQuery(
    (expectedVersion === null ? insertState : updateState)(trx, args),
  );
  checkStateWritten(Number(result.numAffectedRows ?? 0), state.cardId, expectedVersion);
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

/** The longest streak `reviewStreak` counts: ten years. */
export const MAX_STREAK_DAYS = 3650;

/**
 * Consecutive local days with a review, ending today (or yesterday when nothing was
 * reviewed yet today), in one query: a recursive walk back one day per step, each step
 * one probe of the `(user_id, reviewed_at)` index, so it costs the streak's length in
 * probes and never reads the history. `n` counts the days walked; the walk stops at the
 * first day without a review, or after `MAX_STREAK_DAYS`.
 */
export async function reviewStreak(
  db: Kysely<Database>,
  userId: string,
  today: number,
  offsetMinutes: number,
): Promise<number> {
  const offsetMs = offsetMinutes * MINUTE_MS;
  const todayStart = today * DAY_MS - offsetMs;
  // PostgreSQL types a bare parameter from its context; the casts keep day numbers and
  // their products bigint (day * DAY_MS overflows int4).
  const { rows } = await sql<{ streak: number | string | null }>`
    with recursive walk(day, n) as (
      select case when exists (
          select 1 from reviews where user_id = ${userId}
            and reviewed_at >= ${todayStart} and reviewed_at < ${todayStart + DAY_MS}
        ) then cast(${today} as bigint) else cast(${today - 1} as bigint) end,
        cast(0 as bigint)
      union all
      select day - 1, n + 1 from walk
      where n < ${MAX_STREAK_DAYS} and exists (
        select 1 from reviews where user_id = ${userId}
          and reviewed_at >= day * ${DAY_MS} - ${offsetMs}
          and reviewed_at < (day + 1) * ${DAY_MS} - ${offsetMs}
      )
    )
    select max(n) as streak from walk`.execute(db);
  return Number(rows[0]?.streak ?? 0);
}

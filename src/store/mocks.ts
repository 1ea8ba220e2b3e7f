import type { Kysely, Selectable } from "kysely";
import type { Level } from "../content/schema.ts";
import { dueNowState } from "../study/mock/review-queue.ts";
import type { MockRecord, MockStatus } from "../study/mock/types.ts";
import { cardStateFromRow, cardStateRow, toDate } from "./codec.ts";
import type { Connection } from "./connect.ts";
import { StoreInputError, UnknownUserError, WriteConflictError } from "./errors.ts";
import { mockResultRow } from "./mock-results.ts";
import { isMockDetails, mockFromDetails, mockToDetails } from "./mocks-codec.ts";
import type { Database, MockResultsTable } from "./schema.ts";
import { getSettings } from "./settings.ts";
import { writeTransaction } from "./transaction.ts";
import { checkUserId, getUser } from "./users.ts";

/** One row of a user's mock history; `mock` is null for a plain result from `saveMockResult`. */
export interface MockListEntry {
  key: string;
  status: MockStatus;
  takenAt: Date;
  durationMs: number;
  score: number;
  levels: Level[];
  topics: string[];
  mock: MockRecord | null;
}

/** What `update` writes: the mock's next version, and cards to bring forward in the queue. */
export interface MockUpdate {
  mock: MockRecord;
  /** Cards to make due at `queueAt` (a finished mock's "review these"), in the same transaction. */
  queueCardIds?: readonly string[];
  queueAt?: Date;
}

/**
 * Mock interviews, one `mock_results` row each (migration 0003). Every method takes the
 * user id first and touches only that user's rows: another user's mock id finds nothing.
 */
export interface MockStore {
  /** Saves a mock that has just started; its id must be new (the server makes a UUID). */
  create(userId: string, mock: MockRecord): Promise<MockRecord>;
  get(userId: string, id: string): Promise<MockRecord | undefined>;
  /** Newest first; `status` narrows to running or finished ones. */
  list(userId: string, options?: { status?: MockStatus; limit?: number }): Promise<MockListEntry[]>;
  /**
   * Reads the mock inside a write transaction, asks `decide` for its next version (null:
   * leave it as it is), and writes it only if nobody wrote in between (compare-and-swap;
   * a lost race runs `decide` again on the winner's version). Undefined: no such mock.
   */
  update(
    userId: string,
    id: string,
    decide: (mock: MockRecord) => MockUpdate | null,
  ): Promise<{ mock: MockRecord; changed: boolean } | undefined>;
}

const MAX_LIST = 500;

export function createMockStore(connection: Connection): MockStore {
  const { db } = connection;
  const locking = connection.dialect === "postgres";

  return {
    async create(userId, mock) {
      checkUserId(userId);
      checkMockId(mock.id);
      return writeTransaction(connection, async (trx) => {
        if (!(await getUser(trx, userId))) throw new UnknownUserError(userId);
        await trx.insertInto("mock_results").values(rowOf(userId, mock)).execute();
        return mock;
      });
    },

    async get(userId, id) {
      checkUserId(userId);
      if (!validId(id)) return undefined;
      const row = await selectMock(db, userId, id).executeTakeFirst();
      return row ? mockOf(row) : undefined;
    },

    async list(userId, options = {}) {
      checkUserId(userId);
      let query = db.selectFrom("mock_results").selectAll().where("user_id", "=", userId);
      if (options.status) query = query.where("status", "=", options.status);
      const rows = await query
        .orderBy("taken_at", "desc")
        .orderBy("id", "desc")
        .limit(Math.min(options.limit ?? MAX_LIST, MAX_LIST))
        .execute();
      return rows.map((row) => {
        const details = JSON.parse(row.details) as unknown;
        return {
          key: row.result_key,
          status: row.status === "active" ? "active" : "finished",
          takenAt: toDate(row.taken_at),
          durationMs: Number(row.duration_ms),
          score: Number(row.score),
          levels: JSON.parse(row.levels) as Level[],
          topics: JSON.parse(row.topics) as string[],
          mock: isMockDetails(details)
            ? mockFromDetails(row.result_key, row.status, toDate(row.taken_at), details)
            : null,
        };
      });
    },

    async update(userId, id, decide) {
      checkUserId(userId);
      if (!validId(id)) return undefined;
      return writeTransaction(connection, async (trx) => {
        const query = selectMock(trx, userId, id);
        const row = await (locking ? query.forUpdate() : query).executeTakeFirst();
        if (!row) return undefined;
        const current = mockOf(row);
        if (!current) return undefined;
        const next = decide(current);
        if (!next) return { mock: current, changed: false };
        const { user_id: _u, result_key: _k, ...values } = rowOf(userId, next.mock);
        const version = Number(row.version);
        const written = await trx
          .updateTable("mock_results")
          .set({ ...values, version: version + 1 })
          .where("user_id", "=", userId)
          .where("result_key", "=", id)
          .where("version", "=", version)
          .executeTakeFirst();
        if (Number(written.numUpdatedRows) !== 1) throw new WriteConflictError(`mock ${id}`);
        if (next.queueCardIds && next.queueCardIds.length > 0) {
          await queueDueNow(trx, userId, next.queueCardIds, next.queueAt ?? new Date(), locking);
        }
        return { mock: next.mock, changed: true };
      });
    },
  };
}

function selectMock(db: Kysely<Database>, userId: string, id: string) {
  return db
    .selectFrom("mock_results")
    .selectAll()
    .where("user_id", "=", userId)
    .where("result_key", "=", id);
}

/** A row holding a plain result (not a mock) reads as no mock. */
function mockOf(row: Selectable<MockResultsTable>): MockRecord | undefined {
  const details = JSON.parse(row.details) as unknown;
  if (!isMockDetails(details)) return undefined;
  return mockFromDetails(row.result_key, row.status, toDate(row.taken_at), details);
}

function rowOf(userId: string, mock: MockRecord) {
  return mockResultRow(userId, {
    key: mock.id,
    takenAt: mock.startedAt,
    durationMs: mock.report?.durationMs ?? 0,
    score: mock.report?.score ?? 0,
    levels: mock.setup.levels,
    topics: mock.setup.topics,
    details: mockToDetails(mock),
  });
}

/**
 * Brings each card forward to be due at `at` (see `dueNowState`), with the same
 * compare-and-swap as a review, so a review landing at the same moment is not lost.
 */
async function queueDueNow(
  trx: Kysely<Database>,
  userId: string,
  cardIds: readonly string[],
  at: Date,
  locking: boolean,
): Promise<void> {
  const { desiredRetention } = await getSettings(trx, userId);
  for (const cardId of new Set(cardIds)) {
    const query = trx
      .selectFrom("card_states")
      .selectAll()
      .where("user_id", "=", userId)
      .where("card_id", "=", cardId);
    const row = await (locking ? query.forUpdate() : query).executeTakeFirst();
    const next = dueNowState(cardId, row ? cardStateFromRow(row) : undefined, at, {
      desiredRetention,
    });
    if (!next) continue;
    if (!row) {
      await trx
        .insertInto("card_states")
        .values(cardStateRow(userId, next, 1))
        .execute();
      continue;
    }
    const version = Number(row.version);
    const { user_id: _u, card_id: _c, ...values } = cardStateRow(userId, next, version + 1);
    const written = await trx
      .updateTable("card_states")
      .set(values)
      .where("user_id", "=", userId)
      .where("card_id", "=", cardId)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(written.numUpdatedRows) !== 1) throw new WriteConflictError(`card ${cardId}`);
  }
}

function validId(id: string): boolean {
  return typeof id === "string" && id.length > 0 && id.length <= 200;
}

function checkMockId(id: string): void {
  if (!validId(id)) throw new StoreInputError("id", "must be a string of 1 to 200 characters");
}

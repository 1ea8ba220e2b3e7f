import type { Kysely } from "kysely";
import type { Level } from "../content/schema.ts";
import { toDate } from "./codec.ts";
import { StoreInputError } from "./errors.ts";
import { isMockDetails, mockDetailsProblems } from "./mocks-codec.ts";
import type { Database } from "./schema.ts";

/**
 * One row of `mock_results`: a mock interview (see `mocks.ts`, whose plan, answers and
 * report are the `details`) or a plain result saved by `saveMockResult`. The progress
 * export carries every row as this shape, so mocks in progress round-trip too.
 */
export interface MockResult {
  /** Client-generated, like a review's idempotency key: saving twice keeps one. */
  key: string;
  takenAt: Date;
  durationMs: number;
  /** 0..1 */
  score: number;
  levels: Level[];
  topics: string[];
  details: Readonly<Record<string, unknown>>;
}

export function checkMockResult(result: MockResult): void {
  if (typeof result.key !== "string" || result.key.length === 0 || result.key.length > 200) {
    throw new StoreInputError("key", "must be a string of 1 to 200 characters");
  }
  if (!(result.takenAt instanceof Date) || Number.isNaN(result.takenAt.getTime())) {
    throw new StoreInputError("takenAt", "must be a valid date");
  }
  if (!Number.isInteger(result.durationMs) || result.durationMs < 0) {
    throw new StoreInputError("durationMs", "must be a whole number of milliseconds ≥ 0");
  }
  if (!(result.score >= 0 && result.score <= 1)) {
    throw new StoreInputError("score", "must be between 0 and 1");
  }
  if (isMockDetails(result.details)) {
    const [problem] = mockDetailsProblems(result.details);
    if (problem) throw new StoreInputError(problem.field, problem.reason);
  }
}

/**
 * The row for a result. A mock's details are checked here too (this is the import's way
 * in), and its status follows from them: a mock with a report is finished.
 */
export function mockResultRow(userId: string, result: MockResult) {
  checkMockResult(result);
  const mock = isMockDetails(result.details);
  return {
    status: mock && (result.details as { report?: unknown }).report == null ? "active" : "finished",
    user_id: userId,
    result_key: result.key,
    taken_at: result.takenAt.getTime(),
    duration_ms: result.durationMs,
    score: result.score,
    levels: JSON.stringify(result.levels),
    topics: JSON.stringify(result.topics),
    details: JSON.stringify(result.details),
  };
}

/** Saves the result unless one with the same key exists; returns the stored one either way. */
export async function saveMockResult(
  db: Kysely<Database>,
  userId: string,
  result: MockResult,
): Promise<{ result: MockResult; duplicate: boolean }> {
  checkMockResult(result);
  const inserted = await db
    .insertInto("mock_results")
    .values(mockResultRow(userId, result))
    .onConflict((oc) => oc.columns(["user_id", "result_key"]).doNothing())
    .executeTakeFirst();
  const duplicate = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0;
  const [stored] = await listMockResults(db, userId, { key: result.key });
  if (!stored) throw new Error(`mock result ${result.key} vanished while being saved`);
  return { result: stored, duplicate };
}

/** Oldest first. */
export async function listMockResults(
  db: Kysely<Database>,
  userId: string,
  options: { key?: string; limit?: number } = {},
): Promise<MockResult[]> {
  let query = db.selectFrom("mock_results").selectAll().where("user_id", "=", userId);
  if (options.key !== undefined) query = query.where("result_key", "=", options.key);
  query = query.orderBy("taken_at").orderBy("id");
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    key: row.result_key,
    takenAt: toDate(row.taken_at),
    durationMs: Number(row.duration_ms),
    score: Number(row.score),
    levels: JSON.parse(row.levels),
    topics: JSON.parse(row.topics),
    details: JSON.parse(row.details),
  }));
}

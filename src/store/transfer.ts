import type { Kysely } from "kysely";
import { z } from "zod";
import { LEVELS } from "../content/schema.ts";
import { cardStateProblems } from "../study/scheduler.ts";
import { CARD_STATUSES, type CardState, RATINGS, type ReviewRecord } from "../study/types.ts";
import {
  type CardStateJson,
  cardStateFromJson,
  cardStateFromRow,
  cardStateToJson,
  reviewRow,
} from "./codec.ts";
import { StoreInputError } from "./errors.ts";
import { listMockResults, type MockResult, mockResultRow } from "./mock-results.ts";
import { listReviews, writeCardState } from "./reviews.ts";
import type { Database } from "./schema.ts";
import { getSettings, putSettings, settingsSchema, type UserSettings } from "./settings.ts";

export const EXPORT_FORMAT = "pyprep-progress";
export const EXPORT_VERSION = 1;

/** The export file, version 1. Dates are ISO 8601 strings with milliseconds. */
export interface ProgressExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  /** The user it came from; informational, an import may go to another user. */
  userId: string;
  settings: UserSettings;
  cardStates: CardStateJson[];
  reviews: ReviewJson[];
  mockResults: MockResultJson[];
}

export interface ReviewJson {
  idempotencyKey: string;
  cardId: string;
  rating: ReviewRecord["rating"];
  reviewedAt: string;
  durationMs: number;
  previousStatus: ReviewRecord["previousStatus"];
  stateAfter: CardStateJson;
  grade: Record<string, unknown> | null;
}

export interface MockResultJson extends Omit<MockResult, "takenAt"> {
  takenAt: string;
}

export interface ImportSummary {
  reviewsAdded: number;
  reviewsAlreadyPresent: number;
  cardStatesWritten: number;
  cardStatesKept: number;
  mockResultsAdded: number;
}

export async function exportProgress(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<ProgressExport> {
  const [settings, stateRows, reviews, mockResults] = [
    await getSettings(db, userId),
    await db
      .selectFrom("card_states")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("card_id")
      .execute(),
    await listReviews(db, userId),
    await listMockResults(db, userId),
  ];
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    userId,
    settings,
    cardStates: stateRows.map((row) => cardStateToJson(cardStateFromRow(row))),
    reviews: reviews.map((review) => ({
      ...review,
      reviewedAt: review.reviewedAt.toISOString(),
      stateAfter: cardStateToJson(review.stateAfter),
      grade: review.grade === null ? null : { ...review.grade },
    })),
    mockResults: mockResults.map((result) => ({
      ...result,
      takenAt: result.takenAt.toISOString(),
      details: { ...result.details },
    })),
  };
}

const isoDate = z.iso.datetime({ offset: true });
const cardStateJsonSchema = z.object({
  cardId: z.string().min(1).max(300),
  status: z.enum(CARD_STATUSES),
  due: isoDate,
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: z.number().int(),
  scheduledDays: z.number().int(),
  learningSteps: z.number().int(),
  reps: z.number().int(),
  lapses: z.number().int(),
  lastReview: isoDate.nullable(),
  introducedAt: isoDate.nullable(),
});
const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: isoDate,
  userId: z.string(),
  settings: settingsSchema,
  cardStates: z.array(cardStateJsonSchema),
  reviews: z.array(
    z.object({
      idempotencyKey: z.string().min(1).max(200),
      cardId: z.string().min(1).max(300),
      rating: z.enum(RATINGS),
      reviewedAt: isoDate,
      durationMs: z.number().int().min(0).max(2_147_483_647),
      previousStatus: z.enum(CARD_STATUSES),
      stateAfter: cardStateJsonSchema,
      grade: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  mockResults: z.array(
    z.object({
      key: z.string().min(1).max(200),
      takenAt: isoDate,
      durationMs: z.number().int().min(0).max(2_147_483_647),
      score: z.number().min(0).max(1),
      levels: z.array(z.enum(LEVELS)),
      topics: z.array(z.string()),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** Validates an export file (any JSON value) and names the first bad field. */
export function parseProgressExport(json: unknown): ProgressExport {
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version > EXPORT_VERSION) {
    throw new StoreInputError(
      "version",
      `export format version ${version} is newer than this PyPrep reads (${EXPORT_VERSION})`,
    );
  }
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoreInputError(issue?.path.join(".") || "export", issue?.message ?? "invalid");
  }
  const data = parsed.data as ProgressExport;
  data.cardStates.forEach((json, i) => {
    const problems = cardStateProblems(cardStateFromJson(json));
    if (problems.length > 0) throw new StoreInputError(`cardStates.${i}`, problems.join("; "));
  });
  return data;
}

// Rows per INSERT: 10 columns × 1,000 stays under both SQLite's and PostgreSQL's parameter limits.
const CHUNK = 1000;

/**
 * Merges an export into `userId` in one transaction. Reviews and mock results are
 * keyed by their client keys, so ones already present are skipped; a card state is
 * written only when the imported one is further along (later last review, or as
 * late with more reps) than the stored one; settings are replaced. Importing the
 * same file again therefore changes nothing.
 */
export async function importProgress(
  trx: Kysely<Database>,
  userId: string,
  data: ProgressExport,
  now: Date,
): Promise<ImportSummary> {
  await putSettings(trx, userId, data.settings, now);

  const existing = new Map<string, { state: CardState; version: number }>();
  const rows = await trx
    .selectFrom("card_states")
    .selectAll()
    .where("user_id", "=", userId)
    .execute();
  for (const row of rows) {
    existing.set(row.card_id, { state: cardStateFromRow(row), version: Number(row.version) });
  }
  let cardStatesWritten = 0;
  for (const json of data.cardStates) {
    const incoming = cardStateFromJson(json);
    const stored = existing.get(incoming.cardId);
    if (stored && !isAhead(incoming, stored.state)) continue;
    await writeCardState(trx, userId, incoming, stored ? stored.version : null);
    cardStatesWritten++;
  }

  let reviewsAdded = 0;
  for (let i = 0; i < data.reviews.length; i += CHUNK) {
    const values = data.reviews.slice(i, i + CHUNK).map((review) =>
      reviewRow(userId, {
        ...review,
        reviewedAt: new Date(review.reviewedAt),
        stateAfter: cardStateFromJson(review.stateAfter),
      }),
    );
    const result = await trx
      .insertInto("reviews")
      .values(values)
      .onConflict((oc) => oc.columns(["user_id", "idempotency_key"]).doNothing())
      .executeTakeFirst();
    reviewsAdded += Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  let mockResultsAdded = 0;
  for (let i = 0; i < data.mockResults.length; i += CHUNK) {
    const values = data.mockResults
      .slice(i, i + CHUNK)
      .map((result) => mockResultRow(userId, { ...result, takenAt: new Date(result.takenAt) }));
    const result = await trx
      .insertInto("mock_results")
      .values(values)
      .onConflict((oc) => oc.columns(["user_id", "result_key"]).doNothing())
      .executeTakeFirst();
    mockResultsAdded += Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  return {
    reviewsAdded,
    reviewsAlreadyPresent: data.reviews.length - reviewsAdded,
    cardStatesWritten,
    cardStatesKept: data.cardStates.length - cardStatesWritten,
    mockResultsAdded,
  };
}

function isAhead(incoming: CardState, stored: CardState): boolean {
  const a = incoming.lastReview?.getTime() ?? -1;
  const b = stored.lastReview?.getTime() ?? -1;
  return a > b || (a === b && incoming.reps > stored.reps);
}

import type { Kysely } from "kysely";
import { z } from "zod";
import {
  EARLIEST_DATE_ISO,
  EARLIEST_DATE_MS,
  MAX_DUE_AHEAD_MS,
  MAX_DURATION_MS,
  MAX_IMPORT_CLOCK_SKEW_MS,
  MAX_JSON_DEPTH,
} from "../api/limits.ts";
import type { InterviewJson } from "../api/plan.ts";
import { LEVELS } from "../content/schema.ts";
import { cardStateProblems } from "../study/scheduler.ts";
import { CARD_STATUSES, type CardState, RATINGS, type ReviewRecord } from "../study/types.ts";
import {
  type CardStateJson,
  cardStateFromJson,
  cardStateFromRow,
  cardStateToJson,
  jsonValueProblem,
  reviewRow,
} from "./codec.ts";
import {
  type FileProblem,
  ProgressFileError,
  StoreInputError,
  WriteConflictError,
} from "./errors.ts";
import {
  checkInput,
  INTERVIEW_OUTCOMES,
  type Interview,
  interviewJson,
  interviewOf,
  rowOf as interviewRow,
  MAX_NOTES,
  MAX_OPEN,
} from "./interviews.ts";
import { listMockResults, type MockResult, mockResultRow } from "./mock-results.ts";
import { listReviews, writeCardState } from "./reviews.ts";
import type { Database } from "./schema.ts";
import { getSettings, putSettings, settingsSchema, type UserSettings } from "./settings.ts";

export const EXPORT_FORMAT = "pyprep-progress";
export const EXPORT_VERSION = 1;

/**
 * The export file, version 1. Dates are ISO 8601 strings with milliseconds. `interviews`
 * came later within version 1: an older file has no such key and imports as if it were
 * empty (see OPTIONAL_EXPORT_SECTIONS).
 */
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
  interviews: ExportedInterview[];
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

/**
 * An interview as the file carries it: the API's JSON (every stored field and its
 * history) and `version` (how many times it was written), which decides the merge on import.
 */
export type ExportedInterview = InterviewJson & { version: number };

export interface ImportSummary {
  reviewsAdded: number;
  reviewsAlreadyPresent: number;
  cardStatesWritten: number;
  cardStatesKept: number;
  mockResultsAdded: number;
  /** Interviews this user did not have. */
  interviewsAdded: number;
  /** Interviews replaced by the file's, which had a higher `version`. */
  interviewsUpdated: number;
  /** Interviews left as they were: the stored one is as far along (same or higher version). */
  interviewsKept: number;
}

export async function exportProgress(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<ProgressExport> {
  const [settings, stateRows, reviews, mockResults, interviewRows] = [
    await getSettings(db, userId),
    await db
      .selectFrom("card_states")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("card_id")
      .execute(),
    await listReviews(db, userId),
    await listMockResults(db, userId),
    await db.selectFrom("interviews").selectAll().where("user_id", "=", userId).execute(),
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
    // Sorted here, not by the database: PostgreSQL's collation may order text otherwise.
    interviews: interviewRows
      .map((row) => ({ ...interviewJson(interviewOf(row)), version: Number(row.version) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

function interviewFromJson(json: ExportedInterview): Interview {
  const { version: _version, ...fields } = json;
  return {
    ...fields,
    createdAt: new Date(json.createdAt),
    updatedAt: new Date(json.updatedAt),
    closedAt: json.closedAt === null ? null : new Date(json.closedAt),
    // Only the event's own fields: a hand-edited file may carry others.
    history: json.history.map(({ at, change, before }) => ({
      at: new Date(at),
      change,
      ...(before === undefined ? {} : { before }),
    })),
  };
}

export const EXPORT_SECTIONS = ["cardStates", "reviews", "mockResults", "interviews"] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];
/**
 * Sections added to version 1 after files were already written: a file without one is
 * read as if it had an empty list (its `version` stays 1; a reader that predates the
 * section ignores it). A section that is present must still be a list.
 */
export const OPTIONAL_EXPORT_SECTIONS: readonly ExportSection[] = ["interviews"];
/** The small top-level fields; the sections are arrays checked one element at a time. */
export const EXPORT_HEADER_FIELDS = [
  "format",
  "version",
  "exportedAt",
  "userId",
  "settings",
] as const;
/** Reporting stops after this many problems: enough to see a pattern, short enough to read. */
export const MAX_FILE_PROBLEMS = 20;

const earliest = EARLIEST_DATE_ISO.slice(0, 10);

/**
 * An instant from the file: ISO 8601, not before 2000 (no review is older) and not
 * after `latestMs`. Unbounded dates cost every later request: stats and streaks walk
 * the days between the oldest review and now.
 */
function isoDate(latestMs: number, late = "must not be in the future") {
  // `abort`: text that is no date gets this one problem, not the range checks' too.
  return z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time", abort: true })
    .refine((text) => Date.parse(text) >= EARLIEST_DATE_MS, `must not be before ${earliest}`)
    .refine((text) => Date.parse(text) <= latestMs, late);
}

function schemasAt(now: Date) {
  const latest = now.getTime() + MAX_IMPORT_CLOCK_SKEW_MS;
  const past = isoDate(latest);
  const due = isoDate(latest + MAX_DUE_AHEAD_MS, "is further ahead than any interval");
  const duration = z
    .number({ error: "must be a number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(0, "must be ≥ 0")
    .max(MAX_DURATION_MS, "must be at most a day");
  const cardState = z.object({
    cardId: z.string().min(1).max(300),
    status: z.enum(CARD_STATUSES),
    due,
    stability: z.number(),
    difficulty: z.number(),
    elapsedDays: z.number().int(),
    scheduledDays: z.number().int(),
    learningSteps: z.number().int(),
    reps: z.number().int(),
    lapses: z.number().int(),
    lastReview: past.nullable(),
    introducedAt: past.nullable(),
  });
  return {
    header: z.object({
      exportedAt: past,
      userId: z.string().max(200),
      settings: settingsSchema,
    }),
    cardStates: cardState,
    reviews: z.object({
      idempotencyKey: z.string().min(1).max(200),
      cardId: z.string().min(1).max(300),
      rating: z.enum(RATINGS),
      reviewedAt: past,
      durationMs: duration,
      previousStatus: z.enum(CARD_STATUSES),
      stateAfter: cardState,
      grade: z.record(z.string(), z.unknown()).nullable(),
    }),
    mockResults: z.object({
      key: z.string().min(1).max(200),
      takenAt: past,
      durationMs: duration,
      score: z.number().min(0).max(1),
      levels: z.array(z.enum(LEVELS)),
      topics: z.array(z.string()),
      details: z.record(z.string(), z.unknown()),
    }),
    // Date, minutes, time zone and topics are checked by the rules interviews are
    // created with (`interviewProblems`); the shape and everything else here.
    interviews: z.object({
      id: z.string().min(1).max(100),
      date: z.string(),
      timeZone: z.string().nullable(),
      levels: z.array(z.enum(LEVELS)),
      topics: z.array(z.string()),
      minutesPerDay: z.number(),
      minutesByWeekday: z.array(z.number()).nullable(),
      status: z.enum(["open", "closed"]),
      outcome: z.enum(INTERVIEW_OUTCOMES).nullable(),
      notes: z.string().max(MAX_NOTES).nullable(),
      createdAt: past,
      updatedAt: past,
      closedAt: past.nullable(),
      history: z.array(
        z.object({
          at: past,
          change: z.enum(["created", "updated", "closed"]),
          before: z.record(z.string(), z.unknown()).optional(),
        }),
      ),
      version: z
        .number({ error: "must be a whole number ≥ 1" })
        .int("must be a whole number ≥ 1")
        .min(1, "must be a whole number ≥ 1")
        .max(MAX_INTERVIEW_VERSION, `must be at most ${MAX_INTERVIEW_VERSION}`),
    }),
  };
}

/** Writes of one interview; the column is a 32-bit integer on PostgreSQL. */
const MAX_INTERVIEW_VERSION = 1_000_000_000;

/**
 * What the store's own rules say about an interview that has the right shape: the
 * checks `create` and `update` make, and an outcome and close date exactly when closed.
 */
function interviewProblems(interview: ExportedInterview): { path: string; reason: string }[] {
  const problems: { path: string; reason: string }[] = [];
  try {
    checkInput(
      {
        date: interview.date,
        timeZone: interview.timeZone,
        levels: interview.levels,
        topics: interview.topics,
        minutesPerDay: interview.minutesPerDay,
        minutesByWeekday: interview.minutesByWeekday,
      },
      false,
    );
  } catch (error) {
    if (!(error instanceof StoreInputError)) throw error;
    problems.push({ path: error.field, reason: error.message.slice(error.field.length + 2) });
  }
  const closed = interview.status === "closed";
  if (closed !== (interview.outcome !== null)) {
    problems.push({
      path: "outcome",
      reason: closed ? "must be set on a closed interview" : "must be null on an open interview",
    });
  }
  if (closed !== (interview.closedAt !== null)) {
    problems.push({
      path: "closedAt",
      reason: closed ? "must be set on a closed interview" : "must be null on an open interview",
    });
  }
  return problems;
}

/** The checks of an export file, usable a piece at a time so a file of any size streams. */
export interface ExportChecks {
  /** What is wrong with `format` and `version`, or null: a foreign file stops here. */
  format(format: unknown, version: unknown): ProgressFileError | null;
  /** Problems of the top-level fields other than format and version. */
  header(header: Record<string, unknown>): FileProblem[];
  /** Problems of one element of a section (`reviews.12.reviewedAt`, …). */
  element(section: ExportSection, index: number, value: unknown): FileProblem[];
}

export function exportChecks(now: Date): ExportChecks {
  const schemas = schemasAt(now);
  const zodProblems = (issues: readonly z.core.$ZodIssue[], prefix: string): FileProblem[] =>
    issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "file",
      reason: issue.message,
    }));
  return {
    format(format, version) {
      if (format === undefined) {
        return new ProgressFileError("this is not a PyPrep progress file", [
          { field: "format", reason: `missing: a progress file says "format": "${EXPORT_FORMAT}"` },
        ]);
      }
      if (format !== EXPORT_FORMAT) {
        return new ProgressFileError("this is not a PyPrep progress file", [
          {
            field: "format",
            reason: `is ${JSON.stringify(format).slice(0, 80)}, not "${EXPORT_FORMAT}"`,
          },
        ]);
      }
      if (typeof version === "number" && Number.isInteger(version) && version > EXPORT_VERSION) {
        return new ProgressFileError(`this progress file is from a newer PyPrep`, [
          {
            field: "version",
            reason: `is ${version}; this PyPrep reads version ${EXPORT_VERSION}: update it, then import again`,
          },
        ]);
      }
      if (version !== EXPORT_VERSION) {
        return new ProgressFileError("this progress file has an unknown version", [
          {
            field: "version",
            reason: `is ${JSON.stringify(version) ?? "missing"}; this PyPrep reads version ${EXPORT_VERSION}`,
          },
        ]);
      }
      return null;
    },
    header(header) {
      const parsed = schemas.header.safeParse(header);
      const problems = parsed.success ? [] : zodProblems(parsed.error.issues, "");
      for (const field of ["userId", "settings"] as const) {
        const problem = jsonValueProblem(header[field], MAX_JSON_DEPTH);
        if (problem)
          problems.push({ field: joinPath(field, problem.path), reason: problem.reason });
      }
      return problems;
    },
    element(section, index, value) {
      const prefix = `${section}.${index}`;
      // Depth and lone surrogates first: the schema's records accept any nesting.
      const shape = jsonValueProblem(value, MAX_JSON_DEPTH);
      if (shape) return [{ field: joinPath(prefix, shape.path), reason: shape.reason }];
      const parsed = schemas[section].safeParse(value);
      if (!parsed.success) return zodProblems(parsed.error.issues, prefix);
      if (section === "interviews") {
        return interviewProblems(parsed.data as ExportedInterview).map(({ path, reason }) => ({
          field: `${prefix}.${path}`,
          reason,
        }));
      }
      const state =
        section === "cardStates"
          ? (parsed.data as CardStateJson)
          : section === "reviews"
            ? (parsed.data as ReviewJson).stateAfter
            : undefined;
      if (!state) return [];
      const problems = cardStateProblems(cardStateFromJson(state));
      const where = section === "cardStates" ? prefix : `${prefix}.stateAfter`;
      return problems.length > 0 ? [{ field: where, reason: problems.join("; ") }] : [];
    },
  };
}

function joinPath(prefix: string, path: string): string {
  return path ? `${prefix}.${path}` : prefix;
}

/**
 * Validates a whole export file (any JSON value) and names every bad field, up to
 * MAX_FILE_PROBLEMS. The server streams large files through `exportChecks` instead.
 */
export function parseProgressExport(json: unknown, now: Date = new Date()): ProgressExport {
  const checks = exportChecks(now);
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ProgressFileError("this is not a PyPrep progress file", [
      { field: "file", reason: "must be a JSON object" },
    ]);
  }
  const file = json as Record<string, unknown>;
  const formatError = checks.format(file.format, file.version);
  if (formatError) throw formatError;
  const problems = checks.header(file);
  const sections: Partial<Record<ExportSection, unknown[]>> = {};
  for (const section of EXPORT_SECTIONS) {
    const items = file[section] === undefined && isOptional(section) ? [] : file[section];
    if (!Array.isArray(items)) {
      problems.push({ field: section, reason: "must be a list" });
      continue;
    }
    sections[section] = items;
    for (let i = 0; i < items.length && problems.length < MAX_FILE_PROBLEMS; i++) {
      problems.push(...checks.element(section, i, items[i]));
    }
  }
  if (problems.length > 0) {
    throw new ProgressFileError(
      "this progress file has invalid entries",
      problems.slice(0, MAX_FILE_PROBLEMS),
    );
  }
  return { ...file, ...sections } as unknown as ProgressExport;
}

/** True when a file may leave `section` out (OPTIONAL_EXPORT_SECTIONS). */
export function isOptional(section: ExportSection): boolean {
  return OPTIONAL_EXPORT_SECTIONS.includes(section);
}

// Rows per INSERT: 10 columns × 1,000 stays under both SQLite's and PostgreSQL's parameter limits.
const CHUNK = 1000;

/**
 * Merges an export into `userId` in one transaction. Reviews and mock results are
 * keyed by their client keys, so ones already present are skipped; a card state is
 * written only when the imported one is further along (later last review, or as
 * late with more reps) than the stored one; an interview (keyed by its id) only when
 * it is new or the imported one has a higher `version`; settings are replaced. Importing
 * the same file again therefore changes nothing.
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

  const interviews = await importInterviews(trx, userId, data.interviews ?? []);

  return {
    reviewsAdded,
    reviewsAlreadyPresent: data.reviews.length - reviewsAdded,
    cardStatesWritten,
    cardStatesKept: data.cardStates.length - cardStatesWritten,
    mockResultsAdded,
    interviewsAdded: interviews.added,
    interviewsUpdated: interviews.updated,
    interviewsKept: (data.interviews ?? []).length - interviews.added - interviews.updated,
  };
}

/**
 * Interviews by id: a new one is inserted with the file's version, a stored one is
 * replaced only by a higher version (compare-and-swap on the version read, as every
 * interview write is). The open-interview limit holds here too.
 */
async function importInterviews(
  trx: Kysely<Database>,
  userId: string,
  incoming: readonly ExportedInterview[],
): Promise<{ added: number; updated: number }> {
  const done = { added: 0, updated: 0 };
  if (incoming.length === 0) return done;
  const rows = await trx
    .selectFrom("interviews")
    .select(["id", "version", "status"])
    .where("user_id", "=", userId)
    .execute();
  const stored = new Map(
    rows.map((row) => [row.id, { version: Number(row.version), status: row.status }]),
  );
  const openCount = () => [...stored.values()].filter((s) => s.status === "open").length;
  const openBefore = openCount();
  for (const json of incoming) {
    const current = stored.get(json.id);
    const row = interviewRow(userId, interviewFromJson(json), json.version);
    if (!current) {
      await trx.insertInto("interviews").values(row).execute();
      done.added++;
    } else if (json.version > current.version) {
      const written = await trx
        .updateTable("interviews")
        .set(row)
        .where("user_id", "=", userId)
        .where("id", "=", json.id)
        .where("version", "=", current.version)
        .executeTakeFirst();
      if (Number(written.numUpdatedRows) !== 1)
        throw new WriteConflictError(`interview ${json.id}`);
      done.updated++;
    } else {
      continue;
    }
    stored.set(json.id, { version: json.version, status: json.status });
  }
  const openAfter = openCount();
  if (openAfter > MAX_OPEN && openAfter > openBefore) {
    throw new ProgressFileError("this progress file has too many open interviews", [
      {
        field: "interviews",
        reason: `would leave ${openAfter} open interviews; at most ${MAX_OPEN} may be open: close some first, then import again`,
      },
    ]);
  }
  return done;
}

function isAhead(incoming: CardState, stored: CardState): boolean {
  const a = incoming.lastReview?.getTime() ?? -1;
  const b = stored.lastReview?.getTime() ?? -1;
  return a > b || (a === b && incoming.reps > stored.reps);
}

import type { Kysely, Selectable } from "kysely";
import { INTERVIEW_OUTCOMES, type InterviewJson, type InterviewOutcome } from "../api/plan.ts";
import { LEVELS, type Level } from "../content/schema.ts";
import { toDate } from "./codec.ts";
import type { Connection } from "./connect.ts";
import { StoreInputError, UnknownUserError, WriteConflictError } from "./errors.ts";
import type { Database, InterviewsTable } from "./schema.ts";
import { writeTransaction } from "./transaction.ts";
import { checkUserId, getUser } from "./users.ts";

// One list of outcomes for the API's JSON and the stored rows.
export { INTERVIEW_OUTCOMES, type InterviewOutcome };
export type InterviewStatus = "open" | "closed";

/** What the candidate sets; everything but the date and the minutes has a default. */
export interface InterviewInput {
  date: string;
  timeZone?: string | null;
  levels?: Level[];
  topics?: string[];
  minutesPerDay: number;
  minutesByWeekday?: number[] | null;
}

export interface InterviewEvent {
  at: Date;
  change: "created" | "updated" | "closed";
  /** For an update, what the changed fields were before it. */
  before?: Record<string, unknown>;
}

export interface Interview {
  id: string;
  date: string;
  timeZone: string | null;
  levels: Level[];
  topics: string[];
  minutesPerDay: number;
  minutesByWeekday: number[] | null;
  status: InterviewStatus;
  outcome: InterviewOutcome | null;
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  history: InterviewEvent[];
}

/**
 * A user's interviews. Every method takes the user id first and touches only that user's
 * rows: another user's interview id finds nothing.
 */
export interface InterviewStore {
  create(userId: string, id: string, input: InterviewInput, now: Date): Promise<Interview>;
  get(userId: string, id: string): Promise<Interview | undefined>;
  /** Open ones first, nearest date first; then closed ones, latest first. */
  list(userId: string, options?: { status?: InterviewStatus }): Promise<Interview[]>;
  /** Undefined: no such interview. A closed one cannot change (409 at the API). */
  update(
    userId: string,
    id: string,
    patch: Partial<InterviewInput>,
    now: Date,
  ): Promise<Interview | undefined>;
  close(
    userId: string,
    id: string,
    result: { outcome: InterviewOutcome; notes?: string | null },
    now: Date,
  ): Promise<Interview | undefined>;
}

/** Thrown when changing an interview that has been closed. */
export class InterviewClosedError extends Error {
  constructor(id: string) {
    super(`interview ${id} is closed`);
    this.name = "InterviewClosedError";
  }
}

/** Open interviews one user may have at once (also held on import). */
export const MAX_OPEN = 20;
const MAX_MINUTES = 600;
/** The longest notes `close` takes (also held on import). */
export const MAX_NOTES = 2000;

export function createInterviewStore(connection: Connection): InterviewStore {
  const { db } = connection;
  return {
    async create(userId, id, input, now) {
      checkUserId(userId);
      checkId(id);
      const fields = checkInput(input, false) as Required<InterviewInput>;
      return writeTransaction(connection, async (trx) => {
        if (!(await getUser(trx, userId))) throw new UnknownUserError(userId);
        const open = await trx
          .selectFrom("interviews")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("user_id", "=", userId)
          .where("status", "=", "open")
          .executeTakeFirst();
        if (Number(open?.n ?? 0) >= MAX_OPEN) {
          throw new StoreInputError(
            "date",
            `at most ${MAX_OPEN} open interviews; close a past one first`,
          );
        }
        const interview: Interview = {
          id,
          date: fields.date,
          timeZone: fields.timeZone ?? null,
          levels: fields.levels ?? [],
          topics: fields.topics ?? [],
          minutesPerDay: fields.minutesPerDay,
          minutesByWeekday: fields.minutesByWeekday ?? null,
          status: "open",
          outcome: null,
          notes: null,
          createdAt: now,
          updatedAt: now,
          closedAt: null,
          history: [{ at: now, change: "created" }],
        };
        await trx
          .insertInto("interviews")
          .values(rowOf(userId, interview, 1))
          .execute();
        return interview;
      });
    },

    async get(userId, id) {
      checkUserId(userId);
      if (!validId(id)) return undefined;
      const row = await select(db, userId, id);
      return row ? interviewOf(row) : undefined;
    },

    async list(userId, options = {}) {
      checkUserId(userId);
      let query = db.selectFrom("interviews").selectAll().where("user_id", "=", userId);
      if (options.status) query = query.where("status", "=", options.status);
      const rows = await query.execute();
      const all = rows.map(interviewOf);
      const open = all
        .filter((i) => i.status === "open")
        .sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
      const closed = all
        .filter((i) => i.status === "closed")
        .sort((a, b) => compare(b.date, a.date) || compare(a.id, b.id));
      return [...open, ...closed];
    },

    async update(userId, id, patch, now) {
      checkUserId(userId);
      const fields = checkInput(patch, true);
      return change(connection, userId, id, (current) => {
        const before: Record<string, unknown> = {};
        const next = { ...current };
        for (const [key, value] of Object.entries(fields) as [keyof InterviewInput, unknown][]) {
          if (value === undefined) continue;
          const old = current[key];
          if (JSON.stringify(old) === JSON.stringify(value)) continue;
          before[key] = old;
          (next as Record<string, unknown>)[key] = value;
        }
        if (Object.keys(before).length === 0) return null;
        next.updatedAt = now;
        next.history = [...current.history, { at: now, change: "updated", before }];
        return next;
      });
    },

    async close(userId, id, result, now) {
      checkUserId(userId);
      if (!INTERVIEW_OUTCOMES.includes(result.outcome)) {
        throw new StoreInputError("outcome", `must be one of ${INTERVIEW_OUTCOMES.join(", ")}`);
      }
      if (
        result.notes != null &&
        (typeof result.notes !== "string" || result.notes.length > MAX_NOTES)
      ) {
        throw new StoreInputError("notes", `must be at most ${MAX_NOTES} characters`);
      }
      return change(connection, userId, id, (current) => ({
        ...current,
        status: "closed",
        outcome: result.outcome,
        notes: result.notes ?? null,
        closedAt: now,
        updatedAt: now,
        history: [...current.history, { at: now, change: "closed" }],
      }));
    },
  };
}

/** Read, decide and write with a compare-and-swap on `version`; a lost race is retried by the transaction. */
async function change(
  connection: Connection,
  userId: string,
  id: string,
  decide: (current: Interview) => Interview | null,
): Promise<Interview | undefined> {
  if (!validId(id)) return undefined;
  return writeTransaction(connection, async (trx) => {
    const row = await select(trx, userId, id);
    if (!row) return undefined;
    const current = interviewOf(row);
    if (current.status === "closed") throw new InterviewClosedError(id);
    const next = decide(current);
    if (!next) return current;
    const version = Number(row.version);
    const written = await trx
      .updateTable("interviews")
      .set(rowOf(userId, next, version + 1))
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(written.numUpdatedRows) !== 1) throw new WriteConflictError(`interview ${id}`);
    return next;
  });
}

function select(db: Kysely<Database>, userId: string, id: string) {
  return db
    .selectFrom("interviews")
    .selectAll()
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The row an interview is stored as; `version` counts its writes (the compare-and-swap). */
export function rowOf(userId: string, interview: Interview, version: number) {
  return {
    user_id: userId,
    id: interview.id,
    date: interview.date,
    time_zone: interview.timeZone,
    levels: JSON.stringify(interview.levels),
    topics: JSON.stringify(interview.topics),
    minutes_per_day: interview.minutesPerDay,
    minutes_by_weekday: interview.minutesByWeekday
      ? JSON.stringify(interview.minutesByWeekday)
      : null,
    status: interview.status,
    outcome: interview.outcome,
    notes: interview.notes,
    created_at: interview.createdAt.getTime(),
    updated_at: interview.updatedAt.getTime(),
    closed_at: interview.closedAt ? interview.closedAt.getTime() : null,
    history: JSON.stringify(interview.history.map((e) => ({ ...e, at: e.at.toISOString() }))),
    version,
  };
}

/** An interview as JSON (the API's answers and the progress export): dates as ISO strings. */
export function interviewJson(interview: Interview): InterviewJson {
  return {
    ...interview,
    createdAt: interview.createdAt.toISOString(),
    updatedAt: interview.updatedAt.toISOString(),
    closedAt: interview.closedAt?.toISOString() ?? null,
    history: interview.history.map((event) => ({ ...event, at: event.at.toISOString() })),
  };
}

export function interviewOf(row: Selectable<InterviewsTable>): Interview {
  return {
    id: row.id,
    date: row.date,
    timeZone: row.time_zone,
    levels: JSON.parse(row.levels),
    topics: JSON.parse(row.topics),
    minutesPerDay: Number(row.minutes_per_day),
    minutesByWeekday: row.minutes_by_weekday ? JSON.parse(row.minutes_by_weekday) : null,
    status: row.status as InterviewStatus,
    outcome: row.outcome as InterviewOutcome | null,
    notes: row.notes,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    closedAt: row.closed_at == null ? null : toDate(row.closed_at),
    history: (
      JSON.parse(row.history) as {
        at: string;
        change: InterviewEvent["change"];
        before?: Record<string, unknown>;
      }[]
    ).map((e) => ({ ...e, at: new Date(e.at) })),
  };
}

/** Field by field, naming the first bad one; `partial` lets every field be absent. */
export function checkInput(
  input: Partial<InterviewInput>,
  partial: boolean,
): Partial<InterviewInput> {
  const out: Partial<InterviewInput> = {};
  if (input.date !== undefined || !partial) {
    if (!validDate(input.date))
      throw new StoreInputError("date", "must be a calendar date YYYY-MM-DD");
    out.date = input.date;
  }
  if (input.minutesPerDay !== undefined || !partial) {
    if (!minutes(input.minutesPerDay) || input.minutesPerDay === 0) {
      throw new StoreInputError(
        "minutesPerDay",
        `must be a whole number of minutes from 1 to ${MAX_MINUTES}`,
      );
    }
    out.minutesPerDay = input.minutesPerDay;
  }
  if (input.minutesByWeekday !== undefined) {
    const week = input.minutesByWeekday;
    if (
      week !== null &&
      !(Array.isArray(week) && week.length === 7 && week.every(minutes) && week.some((m) => m > 0))
    ) {
      throw new StoreInputError(
        "minutesByWeekday",
        `must be 7 whole numbers of minutes (Sunday first), 0 to ${MAX_MINUTES}, not all 0`,
      );
    }
    out.minutesByWeekday = week;
  }
  if (input.timeZone !== undefined) {
    if (input.timeZone !== null && !validTimeZone(input.timeZone)) {
      throw new StoreInputError("timeZone", "must be an IANA time zone such as Europe/Berlin");
    }
    out.timeZone = input.timeZone;
  }
  if (input.levels !== undefined) {
    if (
      !Array.isArray(input.levels) ||
      !input.levels.every((l) => (LEVELS as readonly string[]).includes(l))
    ) {
      throw new StoreInputError("levels", `must list levels among ${LEVELS.join(", ")}`);
    }
    out.levels = [...new Set(input.levels)];
  }
  if (input.topics !== undefined) {
    if (
      !Array.isArray(input.topics) ||
      input.topics.length > 200 ||
      !input.topics.every((t) => typeof t === "string" && t.length > 0 && t.length <= 100)
    ) {
      throw new StoreInputError("topics", "must list topic ids");
    }
    out.topics = [...new Set(input.topics)];
  }
  return out;
}

function minutes(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_MINUTES;
}

function validDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function validTimeZone(value: unknown): boolean {
  if (typeof value !== "string" || value.length > 100) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function checkId(id: string): void {
  if (!validId(id)) throw new StoreInputError("id", "must be a string of 1 to 100 characters");
}

function validId(id: unknown): id is string {
  return typeof id === "string" && id.length > 0 && id.length <= 100;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

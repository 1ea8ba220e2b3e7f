import type { CardState, ReviewRecord } from "../study/types.ts";
import { getCardState, listCardStates } from "./card-states.ts";
import { type Connection, type ConnectOptions, connect, migrate } from "./connect.ts";
import { StoreInputError, UnknownUserError } from "./errors.ts";
import { createInterviewStore, type InterviewStore } from "./interviews.ts";
import {
  checkMockResult,
  listMockResults,
  type MockResult,
  saveMockResult,
} from "./mock-results.ts";
import { createMockStore, type MockStore } from "./mocks.ts";
import {
  listReviews,
  type RecordedReview,
  type ReviewInput,
  type ReviewRange,
  recordReview,
  reviewStreak,
} from "./reviews.ts";
import type { DialectName } from "./schema.ts";
import { checkSettings, getSettings, putSettings, type UserSettings } from "./settings.ts";
import { readTransaction, writeTransaction } from "./transaction.ts";
import {
  exportProgress,
  type ImportSummary,
  importProgress,
  type ProgressExport,
  parseProgressExport,
} from "./transfer.ts";
import { checkUserId, deleteUser, ensureUser, getUser, type User } from "./users.ts";

export interface StoreOptions extends ConnectOptions {
  /** The clock for bookkeeping timestamps (creation, export time); tests pass a fixed one. */
  now?: () => Date;
}

/**
 * Everything the server and CLI keep. Every method takes the user id and touches
 * only that user's rows. Methods that need the user to exist throw UnknownUserError;
 * bad arguments throw StoreInputError naming the field.
 */
export interface Store {
  readonly dialect: DialectName;
  /** File path or redacted URL. */
  readonly location: string;

  ensureUser(userId: string, options?: { displayName?: string | null }): Promise<User>;
  getUser(userId: string): Promise<User | undefined>;
  /** Deletes the user with their settings, card states, reviews and mock results. */
  deleteUser(userId: string): Promise<boolean>;

  /** Defaults when the user never saved any. */
  getSettings(userId: string): Promise<UserSettings>;
  updateSettings(userId: string, patch: Partial<UserSettings>): Promise<UserSettings>;

  listCardStates(userId: string): Promise<CardState[]>;
  getCardState(userId: string, cardId: string): Promise<CardState | undefined>;
  recordReview(userId: string, input: ReviewInput): Promise<RecordedReview>;
  listReviews(userId: string, range?: ReviewRange): Promise<ReviewRecord[]>;
  /**
   * Consecutive local days with a review, ending on local day `today` (or the day
   * before when `today` has none yet), in one query; days are cut at local midnight
   * for a zone `offsetMinutes` ahead of UTC (study/time.ts). At most ten years.
   */
  reviewStreak(userId: string, today: number, offsetMinutes: number): Promise<number>;

  saveMockResult(
    userId: string,
    result: MockResult,
  ): Promise<{ result: MockResult; duplicate: boolean }>;
  listMockResults(userId: string, options?: { limit?: number }): Promise<MockResult[]>;
  /** Mock interviews, running and finished (rows of the same table as mock results). */
  readonly mocks: MockStore;
  /** Interviews the candidate prepares for; the plan is computed from them (src/study/plan). */
  readonly interviews: InterviewStore;

  exportProgress(userId: string): Promise<ProgressExport>;
  /** Accepts the parsed JSON of an export file; validates it before touching anything. */
  importProgress(userId: string, json: unknown): Promise<ImportSummary>;

  close(): Promise<void>;
}

/** Opens the database (PostgreSQL when `databaseUrl` is set, else SQLite) and migrates it. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const connection = connect(options);
  try {
    await migrate(connection);
  } catch (error) {
    await connection.db.destroy();
    throw error;
  }
  return createStore(connection, options.now ?? (() => new Date()));
}

function createStore(connection: Connection, now: () => Date): Store {
  const { db } = connection;

  return {
    dialect: connection.dialect,
    location: connection.location,

    ensureUser: async (userId, options = {}) => {
      checkUserId(userId);
      return writeTransaction(connection, (trx) =>
        ensureUser(trx, userId, { ...options, now: now() }),
      );
    },
    getUser: async (userId) => getUser(db, userId),
    deleteUser: async (userId) => {
      checkUserId(userId);
      return writeTransaction(connection, (trx) => deleteUser(trx, userId));
    },

    getSettings: async (userId) => {
      checkUserId(userId);
      return getSettings(db, userId);
    },
    updateSettings: async (userId, patch) => {
      checkUserId(userId);
      const checked = checkSettings(patch, true);
      return writeTransaction(connection, async (trx) => {
        if (!(await getUser(trx, userId))) throw new UnknownUserError(userId);
        const merged = { ...(await getSettings(trx, userId)), ...checked };
        await putSettings(trx, userId, merged, now());
        return merged;
      });
    },

    listCardStates: async (userId) => {
      checkUserId(userId);
      return listCardStates(connection, userId);
    },
    getCardState: async (userId, cardId) => {
      checkUserId(userId);
      return getCardState(db, userId, cardId);
    },
    recordReview: async (userId, input) => {
      checkUserId(userId);
      return recordReview(connection, userId, input);
    },
    listReviews: async (userId, range) => {
      checkUserId(userId);
      return listReviews(db, userId, range);
    },
    reviewStreak: async (userId, today, offsetMinutes) => {
      checkUserId(userId);
      if (!Number.isSafeInteger(today)) throw new StoreInputError("today", "must be a day number");
      if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 840) {
        throw new StoreInputError("offsetMinutes", "must be whole minutes between -840 and 840");
      }
      return reviewStreak(db, userId, today, offsetMinutes);
    },

    saveMockResult: async (userId, result) => {
      checkUserId(userId);
      checkMockResult(result);
      return writeTransaction(connection, async (trx) => {
        if (!(await getUser(trx, userId))) throw new UnknownUserError(userId);
        return saveMockResult(trx, userId, result);
      });
    },
    listMockResults: async (userId, options) => {
      checkUserId(userId);
      return listMockResults(db, userId, options);
    },

    exportProgress: async (userId) => {
      checkUserId(userId);
      return readTransaction(connection, async (trx) => {
        if (!(await getUser(trx, userId))) throw new UnknownUserError(userId);
        return exportProgress(trx, userId, now());
      });
    },
    importProgress: async (userId, json) => {
      checkUserId(userId);
      const data = parseProgressExport(json, now());
      return writeTransaction(connection, async (trx) => {
        if (!(await getUser(trx, userId))) throw new UnknownUserError(userId);
        return importProgress(trx, userId, data, now());
      });
    },

    mocks: createMockStore(connection),
    interviews: createInterviewStore(connection),
    close: () => db.destroy(),
  };
}

import type BetterSqlite3 from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import type { Connection } from "./connect.ts";
import { WriteConflictError } from "./errors.ts";
import type { Database } from "./schema.ts";

/** Give up on a busy database after this long: a writer holding the lock that long is stuck. */
export const BUSY_DEADLINE_MS = 10_000;
const MAX_CONFLICT_ATTEMPTS = 8;
/** Waits between attempts grow from 1 ms to this (plus jitter, so two waiters part ways). */
const MAX_BACKOFF_MS = 50;

/**
 * The SQLite handle is inside someone else's transaction (an async Kysely one, between its
 * awaits): the synchronous path must not nest its writes in it, so it waits like for a lock.
 */
export class HandleInTransactionError extends Error {
  constructor() {
    super("the database connection stayed inside another transaction");
    this.name = "HandleInTransactionError";
  }
}

/**
 * Runs `work` in one write transaction, retried when it lost a race.
 *
 * SQLite: `BEGIN IMMEDIATE` takes the write lock before the first read, so a
 * read-modify-write never interleaves with another writer's. When another
 * connection holds the lock, BEGIN fails at once with SQLITE_BUSY (the connection
 * has busy_timeout 0) and we wait here, asynchronously: SQLite's own busy wait
 * would block the event loop, and with it the very transaction we wait for when
 * both connections live in this process.
 * PostgreSQL: READ COMMITTED with a row lock (`forUpdate`) and a version check in
 * the work itself; a unique-key race (two first reviews of one card) aborts one
 * transaction, which then runs again and sees the winner's row.
 */
export async function writeTransaction<T>(
  connection: Connection,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return retryWhileBusy(() => retryOnConflict(() => transactionOnce(connection, work)));
}

function transactionOnce<T>(
  connection: Connection,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (connection.dialect === "postgres") return connection.db.transaction().execute(work);
  return connection.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Calls `call` again while the database is busy (SQLITE_BUSY, or the handle inside another
 * transaction), waiting without blocking the event loop, for up to `deadlineMs`; then the
 * last error is thrown. Every other error is thrown at once.
 */
export async function retryWhileBusy<T>(
  call: () => T | Promise<T>,
  deadlineMs: number = BUSY_DEADLINE_MS,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (retryKind(error) !== "busy" || Date.now() - started > deadlineMs) throw error;
    }
    await backoff(attempt);
  }
}

async function retryOnConflict<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (retryKind(error) !== "conflict" || attempt >= MAX_CONFLICT_ATTEMPTS) throw error;
    }
    await backoff(attempt);
  }
}

function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(MAX_BACKOFF_MS, 2 ** attempt);
  return new Promise((done) => setTimeout(done, 1 + Math.random() * ceiling));
}

/** Lost races: our compare-and-swap, PG unique/serialization/deadlock; SQLite busy. */
export function retryKind(error: unknown): "conflict" | "busy" | null {
  if (error instanceof WriteConflictError) return "conflict";
  if (error instanceof HandleInTransactionError) return "busy";
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  if (code.startsWith("SQLITE_BUSY")) return "busy";
  return code === "23505" || code === "40001" || code === "40P01" ? "conflict" : null;
}

/** A consistent snapshot for reads that span several queries (export). */
export async function readTransaction<T>(
  connection: Connection,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (connection.dialect === "postgres") {
    return connection.db.transaction().setIsolationLevel("repeatable read").execute(work);
  }
  return connection.db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`commit`.execute(conn);
    }
  });
}

interface Pending<T> {
  work: () => T;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for synchronous SQLite work: every `work` submitted in one turn of the
 * event loop runs in one `BEGIN IMMEDIATE … COMMIT`, each inside its own savepoint (a
 * nested better-sqlite3 transaction), so one failing rolls back only itself. Each
 * promise settles only after the shared COMMIT: what is acknowledged is durable, as
 * with a transaction each. A commit's fixed cost (the WAL frames of every page the
 * batch touched, the WAL index) is then paid once for all the reviews in flight.
 */
export function groupCommit(sqlite: BetterSqlite3.Database): <T>(work: () => T) => Promise<T> {
  let queue: Pending<unknown>[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const run = sqlite.transaction(() => {
      outcomes.length = 0;
      // One alone needs no savepoint: its error rolls back the transaction it has alone.
      if (batch.length === 1) {
        outcomes.push({ ok: true, value: (batch[0] as Pending<unknown>).work() });
        return;
      }
      for (const item of batch) {
        try {
          outcomes.push({ ok: true, value: sqlite.transaction(item.work)() });
        } catch (error) {
          // Some errors (a full disk, I/O) make SQLite roll the whole transaction back:
          // then nothing of the batch is written, and every caller hears why.
          if (!sqlite.inTransaction) throw error;
          outcomes.push({ ok: false, error });
        }
      }
    });
    try {
      await retryWhileBusy(() => {
        // An async Kysely transaction (an import, say) may hold this very handle open
        // between its awaits; joining it would nest our writes inside someone else's.
        if (sqlite.inTransaction) throw new HandleInTransactionError();
        run.immediate();
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome?.error);
    });
  };
  return <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(() => void flush());
      queue.push({ work, resolve, reject } as Pending<unknown>);
    });
}

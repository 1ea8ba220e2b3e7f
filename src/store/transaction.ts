import { type Kysely, sql } from "kysely";
import type { Connection } from "./connect.ts";
import { WriteConflictError } from "./errors.ts";
import type { Database } from "./schema.ts";

/** Give up on a busy database after this long: a writer holding the lock that long is stuck. */
const BUSY_DEADLINE_MS = 10_000;
const MAX_CONFLICT_ATTEMPTS = 8;

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
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      if (connection.dialect === "postgres") {
        return await connection.db.transaction().execute(work);
      }
      return await connection.db.connection().execute(async (conn) => {
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
    } catch (error) {
      const kind = retryKind(error);
      const giveUp =
        kind === null ||
        (kind === "busy"
          ? Date.now() - started > BUSY_DEADLINE_MS
          : attempt >= MAX_CONFLICT_ATTEMPTS);
      if (giveUp) throw error;
      const ceiling = Math.min(50, 2 ** attempt);
      await new Promise((done) => setTimeout(done, Math.random() * ceiling));
    }
  }
}

/** Lost races: our compare-and-swap, PG unique/serialization/deadlock; SQLite busy. */
export function retryKind(error: unknown): "conflict" | "busy" | null {
  if (error instanceof WriteConflictError) return "conflict";
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

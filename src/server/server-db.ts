import BetterSqlite3 from "better-sqlite3";
import { type ColumnType, Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Logger } from "pino";
import { RetryingSqliteDialect } from "./auth/sqlite-retry-dialect.ts";
import type { ServerConfig } from "./config.ts";

/** The server's own rows beside the store's: attempt counters (migration 0002). */
export interface ServerTables {
  rate_limits: {
    /** The rule and a hash of what is counted (an IP, an email, a user id). */
    key: string;
    /** Epoch milliseconds; node-postgres returns int8 as a string. */
    window_start: ColumnType<number | string, number, number>;
    count: number;
  };
}

/**
 * A second connection to the store's database for what is not study data: better-auth's
 * tables, the attempt counters, the readiness probe. The store's tables and migrations
 * stay the store's; this one only reads and writes rows that already have a table.
 */
export interface ServerDatabase {
  // biome-ignore lint/suspicious/noExplicitAny: better-auth types its Kysely as Kysely<any>.
  db: Kysely<any>;
  type: "postgres" | "sqlite";
  close(): Promise<void>;
}

export function openServerDatabase(config: ServerConfig, logger: Logger): ServerDatabase {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: Math.max(2, Math.ceil(config.poolSize / 2)),
    });
    // An idle connection that PostgreSQL drops (a restart) must not crash the process:
    // the pool forgets it and the next query opens a fresh one.
    pool.on("error", (error) => logger.warn({ err: error }, "an idle database connection failed"));
    // Checked out between two queries, the client itself emits it (see store/connect.ts).
    pool.on("connect", (client) => client.on("error", () => undefined));
    const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    return { db, type: "postgres", close: () => db.destroy() };
  }
  // No busy timeout: see RetryingSqliteDialect for why waiting must be asynchronous.
  const database = new BetterSqlite3(config.sqlitePath, { timeout: 0 });
  const db = new Kysely({ dialect: new RetryingSqliteDialect({ database }) });
  return { db, type: "sqlite", close: () => db.destroy() };
}

/** The server's tables, typed. */
export function serverTables(database: ServerDatabase): Kysely<ServerTables> {
  return database.db as Kysely<ServerTables>;
}

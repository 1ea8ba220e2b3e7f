import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type SqliteStatement,
  sql,
} from "kysely";
import pg from "pg";
import { migrationProvider } from "./migrations.ts";
import { DEFAULT_POOL_SIZE } from "./pool-size.ts";
import type { Database, DialectName } from "./schema.ts";
import { retryWhileBusy } from "./transaction.ts";

export interface ConnectOptions {
  /** `postgres://…`: use PostgreSQL. Otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string;
  /** Default `DEFAULT_SQLITE_PATH`; `:memory:` works for throwaway stores. */
  sqlitePath?: string;
  /** PostgreSQL pool size; default `DEFAULT_POOL_SIZE`. */
  poolSize?: number;
  /** Told when an idle PostgreSQL connection fails (the server restarted); for logs. */
  onIdleError?: (error: Error) => void;
}

export const DEFAULT_SQLITE_PATH = "data/pyprep.sqlite";

export { DEFAULT_POOL_SIZE };

export interface Connection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, password removed: for logs and `pyprep` output. */
  location: string;
  /** The raw SQLite handle, for the few things Kysely does not do (the migration lock). */
  sqlite?: BetterSqlite3.Database;
  /** SQLite's prepared-statement cache, shared by Kysely and the synchronous review path. */
  prepare?: (sql: string) => BetterSqlite3.Statement;
  /**
   * The PostgreSQL pool under Kysely, for the hot paths that send named prepared
   * statements (parsed and planned once per connection, see `prepared.ts`) and read
   * rows as arrays, neither of which Kysely's driver does.
   */
  pool?: pg.Pool;
}

export function connect(options: ConnectOptions): Connection {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
    });
    // A connection PostgreSQL drops (a restart) emits "error": on the pool while idle, on
    // the client while checked out between two queries of a transaction. Unheard, either
    // would crash the process. The pool forgets the client; the next query reconnects.
    pool.on("error", (error) => options.onIdleError?.(error));
    pool.on("connect", (client) => client.on("error", () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", location: redact(options.databaseUrl), pool };
  }
  const path = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  // busy_timeout 0: a locked database fails at once and writeTransaction waits
  // without blocking the event loop (see transaction.ts).
  sqlite.pragma("busy_timeout = 0");
  const prepare = statementCache(sqlite);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: {
        close: () => sqlite.close(),
        prepare: (text: string) => prepare(text) as unknown as SqliteStatement,
      },
    }),
  });
  return { db, dialect: "sqlite", location: path, sqlite, prepare };
}

/**
 * Sets SQLite's journal mode and brings the schema to the newest migration; throws
 * with the failing migration's name.
 */
export async function migrate(connection: Connection): Promise<void> {
  if (connection.dialect === "postgres") {
    // Instances started together would race to create the same tables (PostgreSQL's
    // CREATE TABLE IF NOT EXISTS is not safe under concurrency); an advisory lock per
    // schema makes the second wait and then find nothing left to do.
    await withMigrationLock(connection.db, (conn, schema) => runMigrator(connection, conn, schema));
    return;
  }
  // Kysely takes no lock on SQLite and runs its DDL outside a transaction. Holding
  // one IMMEDIATE transaction around the whole run makes it atomic and keeps a second
  // process opening the same new file from migrating at the same time.
  const sqlite = connection.sqlite as BetterSqlite3.Database;
  // WAL: readers never block the writer. synchronous=NORMAL: a commit is in the
  // WAL file before it returns, so a killed process loses nothing it acknowledged
  // (only a power cut can cost the last transactions).
  await retryWhileBusy(() => sqlite.pragma("journal_mode = WAL"));
  sqlite.pragma("synchronous = NORMAL");
  await retryWhileBusy(() => sqlite.exec("BEGIN IMMEDIATE"));
  try {
    await runMigrator(connection, connection.db, undefined);
    sqlite.exec("COMMIT");
  } finally {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
  }
}

async function runMigrator(
  connection: Connection,
  db: Kysely<Database>,
  schema: string | undefined,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(connection.dialect),
    // Kysely otherwise looks for its bookkeeping tables in every schema of the database,
    // so a second PyPrep schema in it would find the first one's and skip creating its own.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `migration ${failed ?? "(setup)"} failed on ${connection.location}: ${reason}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Runs `work` on one connection holding the schema's migration lock (a PostgreSQL
 * advisory lock). PyPrep's migrations and better-auth's take the same lock, so
 * instances started together migrate one after the other, and the second finds
 * nothing left to do.
 */
export async function withMigrationLock<DB, T>(
  db: Kysely<DB>,
  work: (conn: Kysely<DB>, schema: string) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    const schema = await currentSchema(conn);
    const key = `pyprep-migrate:${schema}`;
    await sql`select pg_advisory_lock(hashtext(${key}))`.execute(conn);
    try {
      return await work(conn, schema);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
    }
  });
}

async function currentSchema<DB>(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error("no current schema: check the search_path");
  return schema;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparseable url)";
  }
}

/**
 * Kysely prepares every query afresh; better-sqlite3 statements can be reused, and
 * preparing is a large share of a small query's cost. Queries are built with
 * parameters, so the set of distinct SQL strings is small; the cap guards the rest.
 */
function statementCache(sqlite: BetterSqlite3.Database): (sql: string) => BetterSqlite3.Statement {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return (text) => {
    let statement = cache.get(text);
    if (!statement) {
      statement = sqlite.prepare(text);
      if (cache.size >= 500) cache.clear();
      cache.set(text, statement);
    }
    return statement;
  };
}

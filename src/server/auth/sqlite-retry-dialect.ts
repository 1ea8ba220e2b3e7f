import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type TransactionSettings,
} from "kysely";

const BUSY_RETRY_MS = 5_000;

/**
 * SQLite for the auth tables on a second connection to the store's file.
 *
 * The store's review transactions span several awaits while holding SQLite's write
 * lock. A second connection with a busy timeout would then block the whole event loop
 * (better-sqlite3 is synchronous) waiting for a lock that only the event loop can
 * release: a deadlock until the timeout. So this connection has no busy timeout and
 * instead retries a busy statement asynchronously, letting the store's transaction
 * finish in between. Auth statements run one at a time in autocommit, so a retry
 * never repeats half of a transaction.
 */
export class RetryingSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new RetryingDriver(super.createDriver());
  }
}

class RetryingDriver implements Driver {
  readonly #inner: Driver;
  constructor(inner: Driver) {
    this.#inner = inner;
  }
  init() {
    return this.#inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RetryingConnection(await this.#inner.acquireConnection());
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.#inner.beginTransaction(unwrap(connection), settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.#inner.commitTransaction(unwrap(connection));
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.#inner.rollbackTransaction(unwrap(connection));
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.#inner.releaseConnection(unwrap(connection));
  }
  destroy() {
    return this.#inner.destroy();
  }
}

class RetryingConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  constructor(inner: DatabaseConnection) {
    this.inner = inner;
  }
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const busy = typeof code === "string" && code.startsWith("SQLITE_BUSY");
        if (!busy || Date.now() - started > BUSY_RETRY_MS) throw error;
        await new Promise((done) => setTimeout(done, Math.min(50, attempt * 2)));
      }
    }
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof RetryingConnection ? connection.inner : connection;
}

/**
 * Database failures that are the operator's to fix or wait out, not a bug: the disk is
 * full, the file is read-only, PostgreSQL is restarting or out of connections. They
 * become a 503 that says so, with Retry-After, instead of a bare 500; the write did not
 * happen, so a client retrying the same idempotency key loses and doubles nothing.
 */
export interface StorageFailure {
  kind: "full" | "read-only" | "unavailable" | "busy";
  message: string;
}

const PG_CONNECTION_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08003",
  "08006",
]);
const NODE_CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

export function storageFailure(error: unknown): StorageFailure | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  if (typeof code === "string") {
    if (code === "SQLITE_FULL" || code === "53100" || code === "ENOSPC") {
      return {
        kind: "full",
        message: "the server's disk is full, so nothing was saved; try again once it has room",
      };
    }
    if (code.startsWith("SQLITE_READONLY") || code === "25006" || code === "EROFS") {
      return {
        kind: "read-only",
        message: "the server's database is read-only, so nothing was saved",
      };
    }
    if (code.startsWith("SQLITE_BUSY")) {
      return { kind: "busy", message: "the database is busy; try again in a moment" };
    }
    if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN")) {
      return {
        kind: "unavailable",
        message: "the server could not write its database file; nothing was saved",
      };
    }
    if (PG_CONNECTION_CODES.has(code) || code.startsWith("08") || NODE_CONNECTION_CODES.has(code)) {
      return { kind: "unavailable", message: "the database is unavailable; try again shortly" };
    }
  }
  // node-postgres reports a connection lost mid-query without a code.
  if (
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      message,
    )
  ) {
    return { kind: "unavailable", message: "the database is unavailable; try again shortly" };
  }
  return null;
}

/**
 * The database refused a value the validation let through (a character encoding it
 * cannot hold, a number past a column's range, a string over SQLite's limit): the
 * client's input, so a 400, though every such value should be caught before this.
 */
export function inputRejectedByDatabase(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "22021" || code === "22P05") return "holds characters the database cannot store";
  if (code === "22003") return "holds a number out of the database's range";
  if (code === "SQLITE_TOOBIG") return "is larger than the database can store";
  return null;
}

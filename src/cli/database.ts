import { existsSync } from "node:fs";
import type { Command } from "commander";
import { parseConfig } from "../server/config.ts";
import { LOCAL_USER } from "../server/identity.ts";
import { openStore, type Store } from "../store/store.ts";
import { CliError, fileErrorReason } from "./errors.ts";

/** The flags every command that reads progress takes; the defaults are `pyprep serve`'s. */
export interface DatabaseFlags {
  db?: string;
  databaseUrl?: string;
}

export function addDatabaseOptions(command: Command): Command {
  return command
    .option("--db <file>", "SQLite file (default $PYPREP_DB or ~/.pyprep/pyprep.sqlite)")
    .option("--database-url <url>", "PostgreSQL instead of SQLite (default $DATABASE_URL)");
}

export interface DatabaseTarget {
  databaseUrl: string | undefined;
  sqlitePath: string;
}

/**
 * Where progress lives, resolved by the server's own settings code with only the
 * database settings in view, so `pyprep study` and `pyprep serve` open the same file
 * (or PostgreSQL URL) for the same flags and environment, and progress is shared.
 */
export function resolveDatabase(flags: DatabaseFlags, env = process.env): DatabaseTarget {
  // A flag beats the environment: `--db FILE` means that file even where DATABASE_URL is
  // set for something else.
  const fromEnv =
    flags.db !== undefined && flags.databaseUrl === undefined ? undefined : env.DATABASE_URL;
  const config = parseConfig(
    { PYPREP_DB: env.PYPREP_DB, DATABASE_URL: fromEnv },
    { sqlitePath: flags.db, databaseUrl: flags.databaseUrl },
  );
  return { databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath };
}

/** The profile the local server acts for: the CLI is that same person. */
export const USER_ID = LOCAL_USER.id;

/** Opens and migrates the store and makes sure the local profile exists. */
export async function openUserStore(flags: DatabaseFlags): Promise<Store> {
  const target = resolveDatabase(flags);
  const where = target.databaseUrl ? "the PostgreSQL database" : target.sqlitePath;
  let store: Store;
  try {
    store = await openStore(
      target.databaseUrl
        ? { databaseUrl: target.databaseUrl, poolSize: 2 }
        : { sqlitePath: target.sqlitePath },
    );
  } catch (error) {
    throw new CliError(openFailure(where, error));
  }
  try {
    await store.ensureUser(USER_ID, { displayName: LOCAL_USER.name ?? null });
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** Undefined when the SQLite file does not exist yet: reading the bank should not create it. */
export async function openUserStoreIfExists(flags: DatabaseFlags): Promise<Store | undefined> {
  const target = resolveDatabase(flags);
  if (!target.databaseUrl && !existsSync(target.sqlitePath)) return undefined;
  return openUserStore(flags);
}

function openFailure(where: string, error: unknown): string {
  const fileProblem = fileErrorReason(error);
  if (fileProblem) return `cannot open ${where}: ${fileProblem}`;
  const text = messageChain(error);
  const unknown = /previously executed migration (\S+) is missing/.exec(text);
  if (unknown) {
    return `${where} was written by a newer version of PyPrep (it has migration ${unknown[1]}, which this version does not know): upgrade pyprep, or pass --db for another file`;
  }
  if (/SQLITE_NOTADB|file is not a database/i.test(text)) {
    return `${where} is not a SQLite database`;
  }
  if (/ECONNREFUSED/.test(text)) return `${where}: connection refused (is PostgreSQL running?)`;
  const reason = text.split("\n")[0] ?? "";
  return `cannot open ${where}: ${reason}`;
}

function messageChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error && parts.length < 5; e = e.cause) {
    parts.push(`${(e as { code?: string }).code ?? ""} ${e.message}`);
  }
  return parts.join(" | ") || String(error);
}

import BetterSqlite3 from "better-sqlite3";
import { queryPostgres, querySqlite, type Row } from "../../support/databases.ts";
import type { LoadFigures } from "./load.ts";

/** Where a server keeps its data: a SQLite file or a PostgreSQL URL (with its schema). */
export type DataAt = { sqlitePath: string } | { databaseUrl: string };

function query(at: DataAt, text: string): Promise<Row[]> | Row[] {
  return "sqlitePath" in at
    ? querySqlite(at.sqlitePath, text)
    : queryPostgres(at.databaseUrl, text);
}

export interface Audit {
  acknowledged: number;
  /** Acknowledged reviews with no row: lost writes. Must be 0. */
  lost: number;
  /** Rows sharing one user and key, or a resend stored as new: double counting. Must be 0. */
  duplicated: number;
  /** Card states whose reps differ from their review rows, or whose last review is not the latest. */
  inconsistent: number;
  /** Review rows in all. */
  rows: number;
  /** SQLite's `PRAGMA integrity_check` ("ok"), or "n/a" for PostgreSQL. */
  integrity: string;
}

/**
 * Reads the database behind the server's back and checks the promises: every review
 * the server acknowledged is there, once; every card state agrees with its review log.
 */
export async function audit(at: DataAt, figures: LoadFigures): Promise<Audit> {
  const rows = await query(at, "SELECT user_id, idempotency_key FROM reviews");
  const present = new Map<string, number>();
  for (const row of rows) {
    const id = `${row.user_id} ${row.idempotency_key}`;
    present.set(id, (present.get(id) ?? 0) + 1);
  }
  let lost = 0;
  for (const id of figures.acknowledged.keys()) if (!present.has(id)) lost++;
  let duplicated = figures.resentAsNew;
  for (const count of present.values()) if (count > 1) duplicated += count - 1;

  const states = await query(
    at,
    `SELECT s.user_id, s.card_id, s.reps, s.last_review,
            (SELECT count(*) FROM reviews r WHERE r.user_id = s.user_id AND r.card_id = s.card_id) AS n,
            (SELECT max(reviewed_at) FROM reviews r WHERE r.user_id = s.user_id AND r.card_id = s.card_id) AS latest
       FROM card_states s`,
  );
  const inconsistent = states.filter(
    (s) => Number(s.reps) !== Number(s.n) || Number(s.last_review) !== Number(s.latest),
  ).length;

  let integrity = "n/a";
  if ("sqlitePath" in at) {
    const db = new BetterSqlite3(at.sqlitePath, { readonly: true });
    try {
      integrity = (db.pragma("integrity_check") as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join("; ");
    } finally {
      db.close();
    }
  }
  return {
    acknowledged: figures.acknowledged.size,
    lost,
    duplicated,
    inconsistent,
    rows: rows.length,
    integrity,
  };
}

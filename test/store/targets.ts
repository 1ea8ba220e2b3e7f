import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { StoreOptions } from "../../src/store/store.ts";

/** One empty database for one test: where it is, a raw SQL probe, and how to throw it away. */
export interface Target {
  /** What openStore needs to reach this database. */
  options: StoreOptions;
  /** Runs raw SQL outside the store, to check what really is in the tables. */
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export interface TargetFactory {
  dialect: "sqlite" | "postgres";
  create(): Promise<Target>;
}

/** A fresh file in a directory that does not exist yet: the store must create it. */
export const sqliteTargets: TargetFactory = {
  dialect: "sqlite",
  async create() {
    const dir = mkdtempSync(join(tmpdir(), "pyprep-store-"));
    const sqlitePath = join(dir, "nested", "data", "pyprep.sqlite");
    return {
      options: { sqlitePath },
      async query(text, params = []) {
        const db = new BetterSqlite3(sqlitePath, { readonly: true });
        try {
          const statement = db.prepare(text);
          return statement.reader
            ? (statement.all(...params) as Record<string, unknown>[])
            : [statement.run(...params) as unknown as Record<string, unknown>];
        } finally {
          db.close();
        }
      },
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/**
 * A fresh schema per test in the DATABASE_URL database, selected through the
 * connection's search_path, so tests run in parallel and each starts from empty.
 */
export function postgresTargets(databaseUrl: string): TargetFactory {
  return {
    dialect: "postgres",
    async create() {
      const schema = `t_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const url = new URL(databaseUrl);
      url.searchParams.set("options", `-c search_path=${schema}`);
      const schemaUrl = url.toString();
      return {
        options: { databaseUrl: schemaUrl, poolSize: 8 },
        async query(text, params = []) {
          const client = new pg.Client({ connectionString: schemaUrl });
          await client.connect();
          try {
            let n = 0;
            // The probes are written with SQLite's `?` placeholders; PG wants $1, $2…
            return (
              await client.query(
                text.replace(/\?/g, () => `$${++n}`),
                params,
              )
            ).rows;
          } finally {
            await client.end();
          }
        },
        async dispose() {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  };
}

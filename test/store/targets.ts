import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StoreOptions } from "../../src/store/store.ts";
import { freshPostgresSchema, queryPostgres, querySqlite } from "../support/databases.ts";

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
      query: async (text, params = []) => querySqlite(sqlitePath, text, params),
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
      const schema = await freshPostgresSchema(databaseUrl, "t");
      return {
        options: { databaseUrl: schema.url, poolSize: 8 },
        query: (text, params = []) => queryPostgres(schema.url, text, params),
        dispose: () => schema.drop(),
      };
    },
  };
}

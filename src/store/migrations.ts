import type { Migration, MigrationProvider } from "kysely";
import { initial } from "./migrations/0001-initial.ts";
import { rateLimits } from "./migrations/0002-rate-limits.ts";
import { mocks } from "./migrations/0003-mocks.ts";
import { interviews } from "./migrations/0004-interviews.ts";
import type { DialectName } from "./schema.ts";

/**
 * Migrations live in code, one file each under `migrations/`, named so that alphabetical
 * order is the order they run in. Never edit one that has shipped; add the next file and
 * one line here. The dialect is passed in only where DDL differs (auto-increment keys).
 */
const MIGRATIONS: [string, (dialect: DialectName) => Migration][] = [
  ["0001_initial", initial],
  ["0002_rate_limits", rateLimits],
  ["0003_mocks", mocks],
  ["0004_interviews", interviews],
];

export function migrations(dialect: DialectName): Record<string, Migration> {
  return Object.fromEntries(MIGRATIONS.map(([name, make]) => [name, make(dialect)]));
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}

/** The newest migration's name: what a fully migrated database reports. */
export function latestMigration(dialect: DialectName): string {
  return Object.keys(migrations(dialect)).sort().at(-1) ?? "";
}

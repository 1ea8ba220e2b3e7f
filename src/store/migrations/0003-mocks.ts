import type { Kysely } from "kysely";
import type { DialectName } from "../schema.ts";

/**
 * Mock interviews live in `mock_results`, one row per mock from the moment it starts: the
 * plan, the answers and, once finished, the report are its `details`. So the progress
 * export, the import and account deletion, which already carry that table, carry mocks
 * too. `status` tells the rows still running from the finished ones (every row written
 * before this migration is a finished result); `version` is the compare-and-swap that
 * keeps two answers arriving together from overwriting each other.
 */
export function mocks(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
      await db.schema
        .alterTable("mock_results")
        .addColumn("status", "text", (c) => c.notNull().defaultTo("finished"))
        .execute();
      await db.schema
        .alterTable("mock_results")
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex("mock_results_user_status")
        .on("mock_results")
        .columns(["user_id", "status"])
        .execute();
    },
  };
}

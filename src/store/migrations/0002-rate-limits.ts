import type { Kysely } from "kysely";

/**
 * Attempt counters for sign-in, sign-up and password re-entry (server/auth/rate-limit.ts),
 * in the database so every instance behind a load balancer counts against one limit.
 */
export function rateLimits() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("rate_limits")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("window_start", "bigint", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("rate_limits_window_start")
        .on("rate_limits")
        .column("window_start")
        .execute();
    },
  };
}

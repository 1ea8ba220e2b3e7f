import type { Kysely } from "kysely";
import type { DialectName } from "../schema.ts";

/**
 * Interviews a candidate prepares for (issue 20). The plan itself is not stored: it is
 * computed from the interview and the card states every time, so a missed day or an extra
 * one re-plans without a stale copy to reconcile. What is stored is every change to the
 * interview (`history`, JSON), so moving the date or closing it loses nothing.
 */
export function interviews(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("interviews")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("date", "text", (c) => c.notNull())
        .addColumn("time_zone", "text")
        .addColumn("levels", "text", (c) => c.notNull())
        .addColumn("topics", "text", (c) => c.notNull())
        .addColumn("minutes_per_day", "integer", (c) => c.notNull())
        .addColumn("minutes_by_weekday", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("outcome", "text")
        .addColumn("notes", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("closed_at", "bigint")
        .addColumn("history", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("interviews_pk", ["user_id", "id"])
        .execute();
      await db.schema
        .createIndex("interviews_user_status_date")
        .on("interviews")
        .columns(["user_id", "status", "date"])
        .execute();
    },
  };
}

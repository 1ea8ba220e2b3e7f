import type { Kysely } from "kysely";
import type { DialectName } from "../schema.ts";

/** Users, settings, card states, reviews and mock results. */
export function initial(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>) {
      const serial = dialect === "postgres" ? "bigserial" : "integer";
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("display_name", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("settings")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("daily_new_limit", "integer", (c) => c.notNull())
        .addColumn("desired_retention", "double precision", (c) => c.notNull())
        .addColumn("levels", "text", (c) => c.notNull())
        .addColumn("topics", "text", (c) => c.notNull())
        .addColumn("theme", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("card_states")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("card_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("due", "bigint", (c) => c.notNull())
        .addColumn("stability", "double precision", (c) => c.notNull())
        .addColumn("difficulty", "double precision", (c) => c.notNull())
        .addColumn("elapsed_days", "integer", (c) => c.notNull())
        .addColumn("scheduled_days", "integer", (c) => c.notNull())
        .addColumn("learning_steps", "integer", (c) => c.notNull())
        .addColumn("reps", "integer", (c) => c.notNull())
        .addColumn("lapses", "integer", (c) => c.notNull())
        .addColumn("last_review", "bigint")
        .addColumn("introduced_at", "bigint")
        .addColumn("version", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("card_states_pk", ["user_id", "card_id"])
        .execute();
      await db.schema
        .createIndex("card_states_user_due")
        .on("card_states")
        .columns(["user_id", "due"])
        .execute();

      await db.schema
        .createTable("reviews")
        .addColumn("id", serial, (c) =>
          dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("idempotency_key", "text", (c) => c.notNull())
        .addColumn("card_id", "text", (c) => c.notNull())
        .addColumn("rating", "text", (c) => c.notNull())
        .addColumn("reviewed_at", "bigint", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("previous_status", "text", (c) => c.notNull())
        .addColumn("state_after", "text", (c) => c.notNull())
        .addColumn("grade", "text")
        .addUniqueConstraint("reviews_user_key", ["user_id", "idempotency_key"])
        .execute();
      await db.schema
        .createIndex("reviews_user_time")
        .on("reviews")
        .columns(["user_id", "reviewed_at"])
        .execute();
      await db.schema
        .createIndex("reviews_user_card")
        .on("reviews")
        .columns(["user_id", "card_id"])
        .execute();

      await db.schema
        .createTable("mock_results")
        .addColumn("id", serial, (c) =>
          dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("result_key", "text", (c) => c.notNull())
        .addColumn("taken_at", "bigint", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("score", "double precision", (c) => c.notNull())
        .addColumn("levels", "text", (c) => c.notNull())
        .addColumn("topics", "text", (c) => c.notNull())
        .addColumn("details", "text", (c) => c.notNull())
        .addUniqueConstraint("mock_results_user_key", ["user_id", "result_key"])
        .execute();
      await db.schema
        .createIndex("mock_results_user_time")
        .on("mock_results")
        .columns(["user_id", "taken_at"])
        .execute();
    },
  };
}

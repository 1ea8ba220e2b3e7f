import type { Kysely } from "kysely";
import { toDate } from "./codec.ts";
import { StoreInputError } from "./errors.ts";
import type { Database } from "./schema.ts";

export interface User {
  id: string;
  displayName: string | null;
  createdAt: Date;
}

export function checkUserId(userId: string): void {
  if (typeof userId !== "string" || userId.length === 0 || userId.length > 200) {
    throw new StoreInputError("userId", "must be a string of 1 to 200 characters");
  }
}

/** Creates the user if missing; an existing user is returned unchanged. */
export async function ensureUser(
  db: Kysely<Database>,
  userId: string,
  options: { displayName?: string | null; now?: Date } = {},
): Promise<User> {
  checkUserId(userId);
  await db
    .insertInto("users")
    .values({
      id: userId,
      display_name: options.displayName ?? null,
      created_at: (options.now ?? new Date()).getTime(),
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  const user = await getUser(db, userId);
  if (!user) throw new Error(`user ${userId} vanished while being created`);
  return user;
}

export async function getUser(db: Kysely<Database>, userId: string): Promise<User | undefined> {
  checkUserId(userId);
  const row = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  return row && { id: row.id, displayName: row.display_name, createdAt: toDate(row.created_at) };
}

/** Deletes the user and every row that belongs to them. True when there was such a user. */
export async function deleteUser(trx: Kysely<Database>, userId: string): Promise<boolean> {
  checkUserId(userId);
  await trx.deleteFrom("reviews").where("user_id", "=", userId).execute();
  await trx.deleteFrom("card_states").where("user_id", "=", userId).execute();
  await trx.deleteFrom("mock_results").where("user_id", "=", userId).execute();
  await trx.deleteFrom("settings").where("user_id", "=", userId).execute();
  await trx.deleteFrom("interviews").where("user_id", "=", userId).execute();
  const result = await trx.deleteFrom("users").where("id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

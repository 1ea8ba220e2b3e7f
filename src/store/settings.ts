import type { Kysely } from "kysely";
import { z } from "zod";
import { LEVELS } from "../content/schema.ts";
import { DEFAULT_DESIRED_RETENTION } from "../study/scheduler.ts";
import type { StudySettings } from "../study/types.ts";
import { StoreInputError } from "./errors.ts";
import type { Database } from "./schema.ts";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export interface UserSettings extends StudySettings {
  theme: Theme;
}

export const DEFAULT_SETTINGS: Readonly<UserSettings> = Object.freeze({
  dailyNewLimit: 20,
  desiredRetention: DEFAULT_DESIRED_RETENTION,
  levels: [],
  topics: [],
  theme: "system",
});

/** FSRS's own advice: below 0.7 forgetting dominates, above 0.97 the workload explodes. */
export const settingsSchema = z.object({
  dailyNewLimit: z.number().int().min(0).max(1000),
  desiredRetention: z.number().min(0.7).max(0.97),
  levels: z.array(z.enum(LEVELS)).max(LEVELS.length),
  topics: z.array(z.string().min(1).max(100)).max(200),
  theme: z.enum(THEMES),
});

export function checkSettings(value: unknown, partial: boolean): Partial<UserSettings> {
  const schema = partial ? settingsSchema.partial().strict() : settingsSchema.strict();
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `settings.${issue.path.join(".")}` : "settings";
    throw new StoreInputError(field, issue?.message ?? "invalid");
  }
  return parsed.data;
}

export async function getSettings(db: Kysely<Database>, userId: string): Promise<UserSettings> {
  const row = await db
    .selectFrom("settings")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS, levels: [], topics: [] };
  return {
    dailyNewLimit: Number(row.daily_new_limit),
    desiredRetention: Number(row.desired_retention),
    levels: JSON.parse(row.levels),
    topics: JSON.parse(row.topics),
    theme: row.theme as Theme,
  };
}

/** Writes the whole settings row (callers merge a patch first). */
export async function putSettings(
  db: Kysely<Database>,
  userId: string,
  settings: UserSettings,
  now: Date,
): Promise<void> {
  const row = {
    daily_new_limit: settings.dailyNewLimit,
    desired_retention: settings.desiredRetention,
    levels: JSON.stringify(settings.levels),
    topics: JSON.stringify(settings.topics),
    theme: settings.theme,
    updated_at: now.getTime(),
  };
  await db
    .insertInto("settings")
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
    .execute();
}

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

export const DAILY_NEW_LIMIT = { min: 1, max: 200 } as const;
/** FSRS's own advice: below 0.7 forgetting dominates, above 0.97 the workload explodes. */
export const DESIRED_RETENTION = { min: 0.7, max: 0.97 } as const;
export const MAX_TOPICS = 200;

const newLimitReason = `must be ${DAILY_NEW_LIMIT.min} to ${DAILY_NEW_LIMIT.max}`;
const retentionReason = `must be ${DESIRED_RETENTION.min} to ${DESIRED_RETENTION.max}`;

/**
 * The one set of bounds for settings: `PUT /api/settings` (which also checks topic ids
 * against the bank) and a progress import both go through it.
 */
export const settingsFields = {
  dailyNewLimit: z
    .number({ error: newLimitReason })
    .int("must be a whole number")
    .min(DAILY_NEW_LIMIT.min, newLimitReason)
    .max(DAILY_NEW_LIMIT.max, newLimitReason),
  desiredRetention: z
    .number({ error: retentionReason })
    .min(DESIRED_RETENTION.min, retentionReason)
    .max(DESIRED_RETENTION.max, retentionReason),
  levels: z
    .array(z.enum(LEVELS, { error: `must be one of ${LEVELS.join(", ")}` }))
    .max(LEVELS.length)
    .refine((l) => new Set(l).size === l.length, "lists a level twice"),
  topics: z
    .array(z.string().min(1).max(100))
    .max(MAX_TOPICS)
    .refine((t) => new Set(t).size === t.length, "lists a topic twice"),
  theme: z.enum(THEMES, { error: `must be one of ${THEMES.join(", ")}` }),
};

export const settingsSchema = z.object(settingsFields);

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

import { Hono } from "hono";
import { z } from "zod";
import { LEVELS } from "../../content/schema.ts";
import { THEMES } from "../../store/settings.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { jsonBody } from "../http/validate.ts";

/** The caller's study settings; PUT takes any subset of fields. */
export function settingsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const knownTopics = new Set(deps.view.bank.topics.map((t) => t.id));
  const patch = z
    .object({
      dailyNewLimit: z
        .number()
        .int("must be a whole number")
        .min(1, "must be 1 to 200")
        .max(200, "must be 1 to 200"),
      desiredRetention: z.number().min(0.7, "must be 0.7 to 0.97").max(0.97, "must be 0.7 to 0.97"),
      levels: z
        .array(z.enum(LEVELS, { error: `must be one of ${LEVELS.join(", ")}` }))
        .refine((l) => new Set(l).size === l.length, "lists a level twice"),
      topics: z
        .array(
          z.string().refine((id) => knownTopics.has(id), {
            error: (issue) => `unknown topic '${String(issue.input)}'`,
          }),
        )
        .max(200)
        .refine((t) => new Set(t).size === t.length, "lists a topic twice"),
      theme: z.enum(THEMES, { error: `must be one of ${THEMES.join(", ")}` }),
    })
    .partial()
    .strict();

  app.get("/settings", async (c) => c.json(await deps.store.getSettings(c.get("user").id)));
  app.put("/settings", async (c) => {
    const body = await jsonBody(c, patch);
    return c.json(await deps.store.updateSettings(c.get("user").id, body));
  });
  return app;
}

import { Hono } from "hono";
import { z } from "zod";
import { settingsFields } from "../../store/settings.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { checkQuery, jsonBody } from "../http/validate.ts";

/** The caller's study settings; PUT takes any subset of fields. */
export function settingsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const knownTopics = new Set(deps.view.bank.topics.map((t) => t.id));
  const patch = z
    .object({
      ...settingsFields,
      topics: settingsFields.topics.pipe(
        z.array(
          z.string().refine((id) => knownTopics.has(id), {
            error: (issue) => `unknown topic '${String(issue.input)}'`,
          }),
        ),
      ),
    })
    .partial()
    .strict();

  app.get("/settings", async (c) => {
    checkQuery(c);
    return c.json(await deps.store.getSettings(c.get("user").id));
  });
  app.put("/settings", async (c) => {
    checkQuery(c);
    const body = await jsonBody(c, patch);
    return c.json(await deps.store.updateSettings(c.get("user").id, body));
  });
  return app;
}

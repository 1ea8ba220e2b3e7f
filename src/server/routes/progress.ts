import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { jsonBody } from "../http/validate.ts";

/** Export and import of the caller's progress; the file format is the store's (versioned). */
export function progressRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/progress/export", async (c) => {
    const data = await deps.store.exportProgress(c.get("user").id);
    const date = data.exportedAt.slice(0, 10);
    c.header("Content-Disposition", `attachment; filename="pyprep-progress-${date}.json"`);
    c.header("Cache-Control", "no-store");
    return c.json(data);
  });
  app.post("/progress/import", async (c) => {
    // The store validates the file itself and names the first bad field.
    const body = await jsonBody(c, z.unknown());
    const summary = await deps.store.importProgress(c.get("user").id, body);
    return c.json({
      imported: {
        reviews: summary.reviewsAdded,
        cards: summary.cardStatesWritten,
        mockResults: summary.mockResultsAdded,
      },
      skipped: summary.reviewsAlreadyPresent + summary.cardStatesKept,
    });
  });
  return app;
}

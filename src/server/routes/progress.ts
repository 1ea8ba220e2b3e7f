import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { bodyChunks, bodyLimits } from "../http/body-limits.ts";
import type { AppEnv } from "../http/env.ts";
import { checkQuery, requireJsonType } from "../http/validate.ts";
import { IMPORT_LIMIT_BYTES, importProgressStream } from "../progress-import.ts";

/** Export and import of the caller's progress; the file format is the store's (versioned). */
export function progressRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/progress/export", async (c) => {
    checkQuery(c);
    const data = await deps.store.exportProgress(c.get("user").id);
    const date = data.exportedAt.slice(0, 10);
    c.header("Content-Disposition", `attachment; filename="pyprep-progress-${date}.json"`);
    c.header("Cache-Control", "no-store");
    return c.json(data);
  });
  // An export of any size imports back: this route reads far more than the 1 MB others do,
  // streamed to a temporary file rather than held in memory.
  app.post("/progress/import", bodyLimits({ maxBytes: IMPORT_LIMIT_BYTES }), async (c) => {
    checkQuery(c);
    requireJsonType(c);
    const summary = await importProgressStream({
      body: bodyChunks(c),
      store: deps.store,
      userId: c.get("user").id,
      now: deps.now(),
    });
    return c.json({
      imported: {
        reviews: summary.reviewsAdded,
        cards: summary.cardStatesWritten,
        mockResults: summary.mockResultsAdded,
        interviews: summary.interviewsAdded + summary.interviewsUpdated,
      },
      skipped: summary.reviewsAlreadyPresent + summary.cardStatesKept + summary.interviewsKept,
    });
  });
  return app;
}

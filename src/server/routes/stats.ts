import { Hono } from "hono";
import { z } from "zod";
import { computeStats, MASTERY_STABILITY_DAYS } from "../../study/stats.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { tzOffset } from "../http/query.ts";
import { parseWith, queryObject } from "../http/validate.ts";

/** Progress for the dashboard charts, in the caller's time zone. */
export function statsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const statsQuery = z.object({ tzOffset }).strict();
  app.get("/stats", async (c) => {
    const query = parseWith(statsQuery, queryObject(c), "query");
    const userId = c.get("user").id;
    const [reviews, states] = await Promise.all([
      deps.store.listReviews(userId),
      deps.store.listCardStates(userId),
    ]);
    const stats = computeStats({
      reviews,
      states,
      cards: deps.view.cards,
      now: deps.now(),
      timeZoneOffsetMinutes: query.tzOffset,
    });
    const active = states.filter((s) => s.status !== "new" && deps.view.cardById.has(s.cardId));
    return c.json({
      reviewsPerDay: stats.reviewsPerDay.map(({ day, count }) => ({ date: day, count })),
      retention: {
        rate: stats.retention.rate,
        reviews: stats.retention.reviews,
        recalled: stats.retention.recalled,
      },
      forecast: stats.forecast.map(({ day, count }) => ({ date: day, count })),
      mastery: stats.mastery.map((m) => ({
        topic: m.topic,
        mastered: m.mastered,
        learning: m.seen - m.mastered,
        total: m.cards,
      })),
      streak: stats.streak,
      totals: {
        reviews: stats.totalReviews,
        cards: active.length,
        mastered: active.filter(
          (s) => s.status === "review" && s.stability >= MASTERY_STABILITY_DAYS,
        ).length,
      },
    });
  });
  return app;
}

import { Hono } from "hono";
import { z } from "zod";
import type { StatsAnswer, TopicStrength } from "../../api/stats.ts";
import {
  computeStats,
  MASTERY_STABILITY_DAYS,
  type TopicMastery,
  weakestTopics,
} from "../../study/stats.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { tzOffset } from "../http/query.ts";
import { parseWith, queryObject } from "../http/validate.ts";

/** Mock scores plotted on the dashboard: the last hundred are plenty for a trend. */
const MOCK_HISTORY = 100;

const strengthOf = (m: TopicMastery): TopicStrength => ({
  topic: m.topic,
  cards: m.cards,
  seen: m.seen,
  mastered: m.mastered,
  strength: m.strength,
});

/**
 * Progress for the dashboard, in the caller's time zone. Its size is fixed (90 days,
 * 13 weeks, 30 days of forecast, the bank's topics): a review dated long ago costs
 * nothing more than one from today.
 */
export function statsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const statsQuery = z.object({ tzOffset }).strict();
  app.get("/stats", async (c) => {
    const query = parseWith(statsQuery, queryObject(c), "query");
    const userId = c.get("user").id;
    // Plain results saved before mocks existed count too, at the time they were taken.
    const [reviews, states, finished] = await Promise.all([
      deps.store.listReviews(userId),
      deps.store.listCardStates(userId),
      deps.store.mocks.list(userId, { status: "finished", limit: MOCK_HISTORY }),
    ]);
    const stats = computeStats({
      reviews,
      states,
      cards: deps.view.cards,
      now: deps.now(),
      timeZoneOffsetMinutes: query.tzOffset,
      mockSessions: finished.map((entry) => ({ at: entry.takenAt, durationMs: entry.durationMs })),
    });
    const active = states.filter((s) => s.status !== "new" && deps.view.cardById.has(s.cardId));
    const answer: StatsAnswer = {
      reviewsPerDay: stats.reviewsPerDay.map(({ day, count }) => ({ date: day, count })),
      retention: {
        rate: stats.retention.rate,
        reviews: stats.retention.reviews,
        recalled: stats.retention.recalled,
      },
      retentionByWeek: stats.retentionByWeek,
      forecast: stats.forecast.map(({ day, count }) => ({ date: day, count })),
      mastery: stats.mastery.map((m) => ({
        topic: m.topic,
        mastered: m.mastered,
        learning: m.seen - m.mastered,
        total: m.cards,
      })),
      masteryByLevel: stats.masteryByLevel.map((m) => ({ ...strengthOf(m), level: m.level })),
      weakestTopics: weakestTopics(stats.mastery, 5).map(strengthOf),
      timePerDay: stats.timePerDay.map(({ day, reviewMs, mockMs }) => ({
        date: day,
        reviewMs,
        mockMs,
      })),
      mockScores: finished
        .map((entry) => ({
          id: entry.key,
          finishedAt: entry.mock?.finishedAt?.toISOString() ?? entry.takenAt.toISOString(),
          score: entry.score,
        }))
        .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt)),
      streak: stats.streak,
      dueNow: stats.dueNow,
      dueToday: stats.forecast[0]?.count ?? 0,
      nextDue: stats.nextDue?.toISOString() ?? null,
      totals: {
        reviews: stats.totalReviews,
        cards: active.length,
        mastered: active.filter(
          (s) => s.status === "review" && s.stability >= MASTERY_STABILITY_DAYS,
        ).length,
      },
    };
    return c.json(answer);
  });
  return app;
}

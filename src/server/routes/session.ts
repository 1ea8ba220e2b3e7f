import { Hono } from "hono";
import { z } from "zod";
import { LEVELS, type Level } from "../../content/schema.ts";
import { buildSession, type SessionItem } from "../../study/session.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { levelList, topicList, tzOffset } from "../http/query.ts";
import { checkQuery } from "../http/validate.ts";
import { currentStreak } from "../streak.ts";
import { sessionCardJson } from "../study-json.ts";

/** Today's session: due cards, then new cards within the daily limit. */
export function sessionRoutes(deps: AppDeps): Hono<AppEnv> {
  const { view, store } = deps;
  const app = new Hono<AppEnv>();
  const sessionQuery = z
    .object({
      level: levelList.optional(),
      topic: topicList(new Set(view.bank.topics.map((t) => t.id))).optional(),
      tzOffset,
    })
    .strict();

  app.get("/session", async (c) => {
    const query = checkQuery(c, sessionQuery);
    const userId = c.get("user").id;
    const now = deps.now();
    const [settings, states, streak] = await Promise.all([
      store.getSettings(userId),
      store.listCardStates(userId),
      currentStreak(store, userId, now, query.tzOffset),
    ]);
    const session = buildSession({
      cards: view.cards,
      states,
      now,
      settings,
      filters: { levels: query.level ?? [], topics: query.topic ?? [] },
      timeZoneOffsetMinutes: query.tzOffset,
    });
    const byLevel = Object.fromEntries(LEVELS.map((l) => [l, { due: 0, new: 0 }])) as Record<
      Level,
      { due: number; new: number }
    >;
    for (const item of session.due) byLevel[item.card.level].due++;
    for (const item of session.newCards) byLevel[item.card.level].new++;
    const toJson = (item: SessionItem) => sessionCardJson(view, item.card, item.state);
    return c.json({
      due: session.due.map(toJson),
      new: session.newCards.map(toJson),
      counts: {
        due: session.due.length,
        new: session.newCards.length,
        byLevel,
        newIntroducedToday: session.newIntroducedToday,
        newLimit: session.newLimit,
        dueLaterToday: session.dueLaterToday,
      },
      streak,
    });
  });
  return app;
}

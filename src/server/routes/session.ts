import { Hono } from "hono";
import { z } from "zod";
import { LEVELS, type Level } from "../../content/schema.ts";
import { followPlan } from "../../study/plan/session-order.ts";
import { buildSession, type SessionItem } from "../../study/session.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { levelList, topicList, tzOffset } from "../http/query.ts";
import { checkQuery } from "../http/validate.ts";
import { currentStreak } from "../streak.ts";
import { sessionCardText } from "../study-json.ts";
import { currentPlan } from "./plan.ts";

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
    const [settings, states, streak, planned] = await Promise.all([
      store.getSettings(userId),
      store.listCardStates(userId),
      currentStreak(store, userId, now, query.tzOffset),
      currentPlan(deps, userId, query.tzOffset),
    ]);
    const built = buildSession({
      cards: view.cards,
      states,
      now,
      settings,
      filters: { levels: query.level ?? [], topics: query.topic ?? [] },
      timeZoneOffsetMinutes: query.tzOffset,
    });
    // With an interview set, the plan decides today's new cards and puts cards at risk first.
    const session = planned ? { ...built, ...followTodaysPlan(planned, built.due, query) } : built;
    const byLevel = Object.fromEntries(LEVELS.map((l) => [l, { due: 0, new: 0 }])) as Record<
      Level,
      { due: number; new: number }
    >;
    for (const item of session.due) byLevel[item.card.level].due++;
    for (const item of session.newCards) byLevel[item.card.level].new++;
    const toText = (items: readonly SessionItem[]) =>
      items.map((item) => sessionCardText(view, item.card, item.state)).join(",");
    // The cards' JSON is assembled from text made once per card (study-json.ts), the
    // rest serialised as usual; the answer is the SessionAnswer of api/types.ts.
    const rest = JSON.stringify({
      counts: {
        due: session.due.length,
        new: session.newCards.length,
        byLevel,
        newIntroducedToday: session.newIntroducedToday,
        newLimit: session.newLimit,
        dueLaterToday: session.dueLaterToday,
      },
      streak,
      plan: planned
        ? {
            interviewId: planned.interview.id,
            interviewDate: planned.interview.date,
            daysLeft: planned.plan.daysLeft,
            plannedNew: planned.plan.days[0]?.newCardIds.length ?? 0,
          }
        : null,
    });
    const text = `{"due":[${toText(session.due)}],"new":[${toText(session.newCards)}],${rest.slice(1)}`;
    return c.body(text, 200, { "Content-Type": "application/json" });
  });

  function followTodaysPlan(
    planned: NonNullable<Awaited<ReturnType<typeof currentPlan>>>,
    due: readonly SessionItem[],
    query: { level?: readonly Level[]; topic?: readonly string[] },
  ) {
    const levels = query.level?.length ? new Set(query.level) : null;
    const topics = query.topic?.length ? new Set(query.topic) : null;
    return followPlan({
      due,
      plannedNewIds: planned.plan.days[0]?.newCardIds ?? [],
      cardById: view.cardById,
      states: planned.states,
      interviewAt: planned.interviewAt,
      scope: planned.scope,
      accept: (card) =>
        (!levels || levels.has(card.level)) && (!topics || card.topics.some((t) => topics.has(t))),
    });
  }
  return app;
}

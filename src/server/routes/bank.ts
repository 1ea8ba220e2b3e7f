import { Hono } from "hono";
import { z } from "zod";
import type { CardState } from "../../study/types.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { notFound, unauthorized } from "../http/errors.ts";
import { levelList, topicList } from "../http/query.ts";
import { checkQuery } from "../http/validate.ts";
import { type QuestionStatus, questionStatus } from "../study-json.ts";

const STATUSES = ["new", "learning", "due", "mastered"] as const;

/** The bank is public in both modes: topics, the filtered and searchable list, one question. */
export function bankRoutes(deps: AppDeps): Hono<AppEnv> {
  const { view, store, identity } = deps;
  const app = new Hono<AppEnv>();
  const knownTopics = new Set(view.bank.topics.map((t) => t.id));
  const listQuery = z
    .object({
      level: levelList.optional(),
      topic: topicList(knownTopics).optional(),
      status: z.enum(STATUSES, { error: `must be one of ${STATUSES.join(", ")}` }).optional(),
      q: z.string().max(200, "must be at most 200 characters").optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    })
    .strict();

  app.get("/topics", (c) => {
    checkQuery(c);
    return c.json({ topics: view.topics, levels: view.levels });
  });

  app.get("/questions", async (c) => {
    const query = checkQuery(c, listQuery);
    const user = await identity.currentUser(c);
    if (query.status && !user) throw unauthorized();

    const levels = query.level?.length ? new Set(query.level) : null;
    const topics = query.topic?.length ? new Set(query.topic) : null;
    let items = view.summaries.filter(
      (s) => (!levels || levels.has(s.level)) && (!topics || s.topics.some((t) => topics.has(t))),
    );

    let highlights: Map<string, string[]> | null = null;
    if (query.q && query.q.trim() !== "") {
      const hits = view.search.search(query.q, { within: new Set(items.map((s) => s.id)) });
      highlights = new Map(hits.map((hit) => [hit.id, hit.highlights]));
      const byId = new Map(items.map((s) => [s.id, s]));
      items = hits.flatMap((hit) => byId.get(hit.id) ?? []);
    }

    let statuses: Map<string, QuestionStatus> | null = null;
    if (user) {
      const states = new Map<string, CardState>();
      for (const state of await store.listCardStates(user.id)) states.set(state.cardId, state);
      const now = deps.now();
      // A question's concept card id is the question id itself.
      statuses = new Map(items.map((s) => [s.id, questionStatus(states.get(s.id), now)]));
      if (query.status) items = items.filter((s) => statuses?.get(s.id) === query.status);
    }

    const page = items.slice(query.offset, query.offset + query.limit);
    return c.json({
      total: items.length,
      items: page.map((summary) => ({
        ...summary,
        ...(statuses ? { status: statuses.get(summary.id) } : {}),
        ...(highlights ? { highlights: highlights.get(summary.id) ?? [] } : {}),
      })),
    });
  });

  app.get("/questions/:id", (c) => {
    checkQuery(c);
    const question = view.questionJson(c.req.param("id"));
    if (!question) throw notFound(`no question with id '${c.req.param("id")}'`);
    return c.json(question);
  });

  return app;
}

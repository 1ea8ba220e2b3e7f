import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { notFound } from "../http/errors.ts";
import { checkQuery } from "../http/validate.ts";
import { sessionCardJson } from "../study-json.ts";

/** One card and the caller's own state for it; card ids contain `/`, so the param spans it. */
export function cardRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/cards/:cardId{.+}", async (c) => {
    checkQuery(c);
    const cardId = c.req.param("cardId");
    const card = deps.view.cardById.get(cardId);
    if (!card) throw notFound(`no card with id '${cardId}'`);
    const state = await deps.store.getCardState(c.get("user").id, cardId);
    return c.json({ card: sessionCardJson(deps.view, card, state) });
  });
  return app;
}

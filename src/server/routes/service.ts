import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";

/** Liveness, readiness and what the web app needs to know before anything else. */
export function serviceRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/readyz", async (c) => {
    try {
      // Any query proves the database answers; the bank was loaded before we listened.
      await deps.store.getUser("readyz-probe");
      return c.json({ ok: true, questions: deps.view.bank.questions.length });
    } catch (error) {
      c.get("log").warn({ err: error }, "readiness probe failed");
      return c.json({ ok: false, error: "database unavailable" }, 503);
    }
  });
  app.get("/api/config", async (c) => {
    const user = await deps.identity.currentUser(c);
    return c.json({ mode: deps.identity.mode, version: deps.version, user });
  });
  return app;
}

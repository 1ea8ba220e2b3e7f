import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { checkQuery } from "../http/validate.ts";

/** Liveness, readiness and what the web app needs to know before anything else. */
export function serviceRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/readyz", async (c) => {
    try {
      // Any query proves the database answers; the bank was loaded before we listened.
      await deps.store.getUser("readyz-probe");
    } catch (error) {
      c.get("log").warn({ err: error }, "readiness probe failed");
      return c.json({ ok: false, error: "database unavailable" }, 503);
    }
    // Answering reads is not enough: a full disk or a read-only file loses every review.
    const problem = await deps.health?.writeProblem();
    if (problem) {
      c.get("log").warn({ problem }, "not ready: the database cannot take writes");
      return c.json({ ok: false, error: problem }, 503);
    }
    return c.json({ ok: true, questions: deps.view.bank.questions.length });
  });
  app.get("/api/config", async (c) => {
    checkQuery(c);
    const user = await deps.identity.currentUser(c);
    return c.json({ mode: deps.identity.mode, version: deps.version, user });
  });
  return app;
}

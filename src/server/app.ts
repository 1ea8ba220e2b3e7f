import { Hono } from "hono";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import type { AppDeps } from "./deps.ts";
import { BODY_LIMIT_BYTES, bodyLimits } from "./http/body-limits.ts";
import { compressJson } from "./http/compress-json.ts";
import type { AppEnv } from "./http/env.ts";
import { errorHandler } from "./http/error-handler.ts";
import { requestLogging } from "./http/logging.ts";
import { sameOrigin } from "./http/same-origin.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { rejectNul } from "./http/validate.ts";
import { requireUser } from "./identity.ts";
import { accountRoutes } from "./routes/account.ts";
import { authRoutes } from "./routes/auth.ts";
import { bankRoutes } from "./routes/bank.ts";
import { cardRoutes } from "./routes/cards.ts";
import { exportRoutes } from "./routes/export.ts";
import { mockRoutes } from "./routes/mocks.ts";
import { planRoutes } from "./routes/plan.ts";
import { progressRoutes } from "./routes/progress.ts";
import { reviewRoutes } from "./routes/reviews.ts";
import { serviceRoutes } from "./routes/service.ts";
import { sessionRoutes } from "./routes/session.ts";
import { settingsRoutes } from "./routes/settings.ts";
import { statsRoutes } from "./routes/stats.ts";
import { staticRoutes } from "./static.ts";

/** The whole HTTP surface (docs/api.md), as a Hono app; `startServer` puts it on a socket. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { config, identity, store } = deps;
  const app = new Hono<AppEnv>();

  app.use(requestId({ headerName: "x-request-id" }));
  app.use(requestLogging(deps.logger));
  app.use(securityHeaders());
  // Static files through Hono's compress (they are cacheable, so it says Vary); API
  // answers through compressJson, which leaves small JSON alone (compress-json.ts).
  const compressStatic = compress();
  app.use((c, next) => (c.req.path.startsWith("/api/") ? next() : compressStatic(c, next)));
  app.use("/api/*", compressJson());
  app.use("/api/*", bodyLimits({ maxBytes: BODY_LIMIT_BYTES }), rejectNul());
  app.use("/api/*", async (c, next) => {
    await next();
    // API answers are per user and change with every review. Set on the response's own
    // headers: `c.header` after the body exists would rebuild the response as a stream.
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  if (identity.mode === "hosted") app.use("/api/*", sameOrigin(config.publicUrl));

  app.route("/", serviceRoutes(deps));
  app.route("/api", bankRoutes(deps));
  app.route("/api", exportRoutes(deps));
  if (identity.hosted && deps.attempts) {
    const { limiter, rules } = deps.attempts;
    app.route(
      "/api",
      authRoutes({ hosted: identity.hosted, limiter, rules, trustProxy: config.trustProxy }),
    );
  }

  const user = requireUser(identity, store);
  for (const path of ["/session", "/cards/*", "/reviews", "/stats", "/settings", "/progress/*"]) {
    app.use(`/api${path}`, user);
  }
  app.use("/api/mocks", user).use("/api/mocks/*", user);
  app.use("/api/interviews", user).use("/api/interviews/*", user).use("/api/plan", user);
  if (identity.hosted) app.use("/api/account/*", user).use("/api/account", user);
  app.route("/api", sessionRoutes(deps));
  app.route("/api", cardRoutes(deps));
  app.route("/api", reviewRoutes(deps));
  app.route("/api", statsRoutes(deps));
  app.route("/api", mockRoutes(deps));
  app.route("/api", planRoutes(deps));
  app.route("/api", settingsRoutes(deps));
  app.route("/api", progressRoutes(deps));
  if (identity.hosted) app.route("/api", accountRoutes(deps, identity.hosted));

  app.all("/api/*", (c) =>
    c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}`, details: [] }, 404),
  );
  app.route("/", staticRoutes(config.webDir));
  app.notFound((c) => c.json({ error: `nothing at ${c.req.path}`, details: [] }, 404));
  app.onError(errorHandler(deps.health));
  return app;
}

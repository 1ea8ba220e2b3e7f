import { Hono } from "hono";
import { z } from "zod";
import type { HostedAuth } from "../auth/hosted.ts";
import type { AppDeps } from "../deps.ts";
import { clientIp } from "../http/client-ip.ts";
import type { AppEnv } from "../http/env.ts";
import { forbidden } from "../http/errors.ts";
import { checkQuery, jsonBody } from "../http/validate.ts";
import { enforce } from "./auth.ts";

/** Hosted mode only: ending every session, and deleting the account with all its data. */
export function accountRoutes(deps: AppDeps, hosted: HostedAuth): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/account/sign-out-everywhere", async (c) => {
    checkQuery(c);
    await hosted.signOutEverywhere(c.get("user").id);
    return c.json({ ok: true });
  });
  app.delete("/account", async (c) => {
    checkQuery(c);
    const { password } = await jsonBody(
      c,
      z.object({ password: z.string().min(1).max(256) }).strict(),
    );
    const userId = c.get("user").id;
    // A stolen session must not be able to guess the password behind it.
    if (deps.attempts) {
      const { limiter, rules } = deps.attempts;
      await enforce(limiter, [
        { rule: rules.passwordPerAddress, subject: clientIp(c, deps.config.trustProxy) },
        { rule: rules.passwordPerAccount, subject: userId },
      ]);
    }
    if (!(await hosted.checkPassword(userId, password))) throw forbidden("wrong password");
    // Sessions first, so nothing can write for this user while the data goes; then
    // PyPrep's rows; the account last, so a failure part-way can be retried by signing in.
    await hosted.signOutEverywhere(userId);
    await deps.store.deleteUser(userId);
    await hosted.deleteAccount(userId);
    c.get("log").info({ userId }, "account deleted");
    return c.json({ ok: true });
  });
  return app;
}

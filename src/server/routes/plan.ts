import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";

/** Interviews and the plan to them (docs/api.md); every route needs a user. */
export function planRoutes(_deps: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>();
}

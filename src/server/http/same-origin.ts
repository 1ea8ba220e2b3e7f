import type { MiddlewareHandler } from "hono";
import { forbidden } from "./errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie sessions: a state-changing request must say it comes from
 * our own origin. Browsers always send Origin on cross-origin and on POST/PUT/DELETE
 * fetches, and a page on another site cannot forge it. SameSite=Lax cookies are the
 * second layer.
 */
export function sameOrigin(publicOrigin: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const expected = publicOrigin ?? `${new URL(c.req.url).protocol}//${c.req.header("host")}`;
    if (origin === expected) return next();
    if (!origin && c.req.header("sec-fetch-site") === "same-origin") return next();
    throw forbidden(
      origin
        ? `cross-origin request refused: Origin ${origin} is not ${expected}`
        : "cross-origin request refused: send the Origin header",
    );
  };
}

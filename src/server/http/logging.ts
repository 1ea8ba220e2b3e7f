import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { AppEnv } from "./env.ts";

const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

/**
 * One JSON line per request with its id, so a client's `x-request-id` finds every log
 * line of that request. Probes log at debug: a load balancer polls them constantly.
 */
export function requestLogging(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const log = logger.child({ reqId: c.get("requestId") });
    c.set("log", log);
    await next();
    const entry = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
    };
    if (QUIET_PATHS.has(c.req.path)) log.debug(entry, "request");
    else if (c.res.status >= 500) log.error(entry, "request");
    else log.info(entry, "request");
  };
}

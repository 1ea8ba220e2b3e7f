import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { StoreInputError, UnknownUserError } from "../../store/errors.ts";
import type { AppEnv } from "./env.ts";
import { ApiError } from "./errors.ts";

/** Every failure as the contract's `{error, details}`; only real bugs are 500s, and logged. */
export function errorHandler(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.json({ error: error.message, details: error.details }, error.status);
  }
  if (error instanceof StoreInputError) {
    return c.json(
      { error: "invalid input", details: [{ field: error.field, reason: error.message }] },
      400,
    );
  }
  if (error instanceof UnknownUserError) {
    return c.json({ error: "no such user", details: [] }, 404);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const message = status === 413 ? "the body is too large" : error.message || "request failed";
    return c.json({ error: message, details: [] }, status);
  }
  const log = c.get("log");
  if (log) log.error({ err: error }, "unhandled error");
  else console.error(error);
  return c.json(
    { error: "internal error", details: [], requestId: c.get("requestId") ?? null },
    500,
  );
}

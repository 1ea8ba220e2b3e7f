import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ProgressFileError, StoreInputError, UnknownUserError } from "../../store/errors.ts";
import type { StorageHealth } from "../storage-health.ts";
import type { AppEnv } from "./env.ts";
import { ApiError } from "./errors.ts";
import { inputRejectedByDatabase, storageFailure } from "./storage-errors.ts";

/** How long a client should wait before retrying after a storage failure. */
const RETRY_AFTER_SECONDS = "5";

/**
 * Every failure as the contract's `{error, details}`: client mistakes by their status,
 * storage trouble (disk full, read-only, database restarting) as a 503 that says so,
 * and only real bugs as 500s, logged with their stack.
 */
export function errorHandler(health?: StorageHealth) {
  return function onError(error: Error, c: Context<AppEnv>): Response {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json({ error: error.message, details: error.details }, error.status);
    }
    if (error instanceof ProgressFileError) {
      return c.json({ error: error.headline, details: error.problems }, 400);
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
    const refused = inputRejectedByDatabase(error);
    if (refused) {
      log?.warn({ err: error }, "the database refused input that passed validation");
      return c.json(
        { error: "invalid input", details: [{ field: "input", reason: refused }] },
        400,
      );
    }
    const failure = storageFailure(error);
    if (failure) {
      health?.noteFailure(failure);
      log?.error({ err: error, storage: failure.kind }, "storage failure");
      c.header("Retry-After", RETRY_AFTER_SECONDS);
      return c.json(
        { error: failure.message, details: [], requestId: c.get("requestId") ?? null },
        503,
      );
    }
    if (log) log.error({ err: error }, "unhandled error");
    else console.error(error);
    return c.json(
      { error: "internal error", details: [], requestId: c.get("requestId") ?? null },
      500,
    );
  };
}

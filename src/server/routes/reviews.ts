import { Hono } from "hono";
import { z } from "zod";
import {
  EARLIEST_DATE_ISO,
  EARLIEST_DATE_MS,
  MAX_CLOCK_SKEW_MS,
  MAX_DURATION_MS,
} from "../../api/limits.ts";
import { RATING_NUMBERS } from "../../api/types.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { ApiError, badRequest } from "../http/errors.ts";
import { checkQuery, jsonBody } from "../http/validate.ts";
import { ratingFromNumber, sessionCardJson } from "../study-json.ts";

/**
 * The API owns what a plausible review is (these bounds, from api/limits.ts); the store
 * checks only what its columns can hold (`durationMs` up to 2^31 - 1).
 */
const reviewBody = z
  .object({
    cardId: z.string().min(1).max(300),
    rating: z.literal(RATING_NUMBERS, { error: "must be 1, 2, 3 or 4" }),
    idempotencyKey: z.uuid({ error: "must be a UUID" }),
    reviewedAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
    durationMs: z
      .number({ error: "must be a number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(0, "must be ≥ 0")
      .max(MAX_DURATION_MS, "must be at most a day"),
    grade: z
      .object({
        kind: z.enum(["output", "exercise", "concept"]),
        correct: z.boolean().optional(),
        passed: z.number().int().min(0).max(10_000).optional(),
        total: z.number().int().min(0).max(10_000).optional(),
        keyPoints: z.array(z.boolean()).max(20).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Records a rating. The idempotency key makes a retry (lost response, double click,
 * offline queue) count once and get the first answer back.
 */
export function reviewRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/reviews", async (c) => {
    checkQuery(c);
    const body = await jsonBody(c, reviewBody);
    const card = deps.view.cardById.get(body.cardId);
    if (!card) {
      throw badRequest("invalid body", [{ field: "cardId", reason: "no such card in the bank" }]);
    }
    const now = deps.now();
    const reviewedAt = body.reviewedAt ? new Date(body.reviewedAt) : now;
    if (reviewedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
      throw badRequest("invalid body", [
        { field: "reviewedAt", reason: "must not be in the future" },
      ]);
    }
    if (reviewedAt.getTime() < EARLIEST_DATE_MS) {
      throw badRequest("invalid body", [
        { field: "reviewedAt", reason: `must not be before ${EARLIEST_DATE_ISO.slice(0, 10)}` },
      ]);
    }
    const recorded = await deps.store.recordReview(c.get("user").id, {
      cardId: body.cardId,
      rating: ratingFromNumber(body.rating),
      reviewedAt,
      durationMs: body.durationMs,
      idempotencyKey: body.idempotencyKey,
      grade: body.grade ?? null,
    });
    // A reused key for another card is the client's bug; say so rather than answer
    // with a different card's state.
    if (recorded.duplicate && recorded.review.cardId !== body.cardId) {
      throw new ApiError(409, "this idempotency key was already used for another card", [
        { field: "idempotencyKey", reason: "already used for another card" },
      ]);
    }
    return c.json({
      card: sessionCardJson(deps.view, card, recorded.state),
      duplicate: recorded.duplicate,
    });
  });
  return app;
}

import { Hono } from "hono";
import { z } from "zod";
import { RATINGS, type Rating } from "../../study/types.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { ApiError, badRequest } from "../http/errors.ts";
import { jsonBody } from "../http/validate.ts";
import { sessionCardJson } from "../study-json.ts";

/** A client clock a little ahead is normal; a review from tomorrow is a bug or a lie. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const reviewBody = z
  .object({
    cardId: z.string().min(1).max(300),
    rating: z
      .number({ error: "must be 1, 2, 3 or 4" })
      .int("must be 1, 2, 3 or 4")
      .min(1, "must be 1, 2, 3 or 4")
      .max(4, "must be 1, 2, 3 or 4"),
    idempotencyKey: z.uuid({ error: "must be a UUID" }),
    reviewedAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
    durationMs: z
      .number({ error: "must be a number of milliseconds" })
      .int("must be a whole number of milliseconds")
      .min(0, "must be ≥ 0")
      .max(86_400_000, "must be at most a day"),
    grade: z
      .object({
        kind: z.enum(["output", "exercise", "concept"]),
        correct: z.boolean().optional(),
        passed: z.number().int().min(0).optional(),
        total: z.number().int().min(0).optional(),
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
    const recorded = await deps.store.recordReview(c.get("user").id, {
      cardId: body.cardId,
      rating: RATINGS[body.rating - 1] as Rating,
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

import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { INTERVIEW_OUTCOMES, type PlanAnswer, type PlanDayJson } from "../../api/plan.ts";
import { LEVELS } from "../../content/schema.ts";
import { InterviewClosedError, interviewJson } from "../../store/interviews.ts";
import { PACE_WINDOW_MS, planCards, planForInterview } from "../../study/plan/index.ts";
import type { PlanCard } from "../../study/plan/types.ts";
import type { BankView } from "../bank-view.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { ApiError, notFound } from "../http/errors.ts";
import { tzOffset } from "../http/query.ts";
import { checkQuery, jsonBody } from "../http/validate.ts";

const minutes = z
  .number({ error: "must be a whole number of minutes" })
  .int("must be a whole number of minutes")
  .min(0, "must be 0 to 600")
  .max(600, "must be 0 to 600");

function interviewBody(topics: ReadonlySet<string>) {
  return z
    .object({
      date: z.string({ error: "must be a date YYYY-MM-DD" }),
      timeZone: z.string({ error: "must be an IANA time zone" }).max(100).nullable().optional(),
      levels: z
        .array(z.enum(LEVELS, { error: `must be one of ${LEVELS.join(", ")}` }))
        .max(3)
        .optional(),
      topics: z
        .array(
          z
            .string()
            .refine((id) => topics.has(id), { error: (i) => `unknown topic '${String(i.input)}'` }),
        )
        .max(200)
        .optional(),
      minutesPerDay: minutes.min(1, "must be 1 to 600"),
      minutesByWeekday: z
        .array(minutes)
        .length(7, "must be 7 numbers, Sunday first")
        .nullable()
        .optional(),
    })
    .strict();
}

const closeBody = z
  .object({
    outcome: z.enum(INTERVIEW_OUTCOMES, {
      error: `must be one of ${INTERVIEW_OUTCOMES.join(", ")}`,
    }),
    notes: z
      .string({ error: "must be text" })
      .max(2000, "must be at most 2000 characters")
      .nullable()
      .optional(),
  })
  .strict();

const planQuery = z.object({ tzOffset }).strict();

/** Plan cards per bank view: the bank does not change while the server runs. */
const cardsOfView = new WeakMap<BankView, PlanCard[]>();
export function planCardsOf(view: BankView): PlanCard[] {
  let cards = cardsOfView.get(view);
  if (!cards) {
    cards = planCards(view.cards, (id) => view.bank.byId.get(id)?.minutes ?? 5);
    cardsOfView.set(view, cards);
  }
  return cards;
}

/**
 * The nearest open interview's plan and readiness for a user, from their current state;
 * null without one. The session route calls it too, so today's session is the plan's.
 */
export async function currentPlan(deps: AppDeps, userId: string, clientOffsetMinutes: number) {
  const { store, view } = deps;
  const now = deps.now();
  const [interview] = await store.interviews.list(userId, { status: "open" });
  if (!interview) return null;
  const [states, reviews, settings] = await Promise.all([
    store.listCardStates(userId),
    store.listReviews(userId, { from: new Date(now.getTime() - PACE_WINDOW_MS), limit: 2000 }),
    store.getSettings(userId),
  ]);
  const result = planForInterview({
    interview,
    cards: planCardsOf(view),
    states,
    reviews,
    now,
    clientOffsetMinutes,
    desiredRetention: settings.desiredRetention,
  });
  return { interview, states, ...result };
}

/** Interviews and the plan to them (docs/api.md); every route needs a user. */
export function planRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, view } = deps;
  const app = new Hono<AppEnv>();
  const createBody = interviewBody(new Set(view.bank.topics.map((t) => t.id)));
  const patchBody = createBody.partial().strict();

  const closedConflict = (error: unknown): never => {
    if (error instanceof InterviewClosedError) {
      throw new ApiError(409, "this interview is closed", [{ field: "id", reason: "is closed" }]);
    }
    throw error;
  };

  app.get("/interviews", async (c) => {
    checkQuery(c);
    const interviews = await store.interviews.list(c.get("user").id);
    return c.json({ interviews: interviews.map(interviewJson) });
  });

  app.post("/interviews", async (c) => {
    checkQuery(c);
    const body = await jsonBody(c, createBody);
    const interview = await store.interviews.create(
      c.get("user").id,
      randomUUID(),
      body,
      deps.now(),
    );
    return c.json({ interview: interviewJson(interview) }, 201);
  });

  app.get("/interviews/:id", async (c) => {
    checkQuery(c);
    const interview = await store.interviews.get(c.get("user").id, c.req.param("id"));
    if (!interview) throw notFound("no such interview");
    return c.json({ interview: interviewJson(interview) });
  });

  app.patch("/interviews/:id", async (c) => {
    checkQuery(c);
    const body = await jsonBody(c, patchBody);
    const interview = await store.interviews
      .update(c.get("user").id, c.req.param("id"), body, deps.now())
      .catch(closedConflict);
    if (!interview) throw notFound("no such interview");
    return c.json({ interview: interviewJson(interview) });
  });

  app.post("/interviews/:id/close", async (c) => {
    checkQuery(c);
    const body = await jsonBody(c, closeBody);
    const interview = await store.interviews
      .close(c.get("user").id, c.req.param("id"), body, deps.now())
      .catch(closedConflict);
    if (!interview) throw notFound("no such interview");
    return c.json({ interview: interviewJson(interview) });
  });

  app.get("/plan", async (c) => {
    const query = checkQuery(c, planQuery);
    const current = await currentPlan(deps, c.get("user").id, query.tzOffset);
    const answer: PlanAnswer = current
      ? {
          interview: interviewJson(current.interview),
          plan: current.plan,
          today: (current.plan.days[0] as PlanDayJson | undefined) ?? null,
          readiness: current.readiness,
        }
      : { interview: null, plan: null, today: null, readiness: null };
    return c.json(answer);
  });

  return app;
}

import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import { z } from "zod";
import type {
  MockAnswer as MockAnswerJson,
  Mock as MockJson,
  MockList,
  MockSummary,
} from "../../api/mocks.ts";
import type { Rating as ApiRating } from "../../api/types.ts";
import { LEVELS } from "../../content/schema.ts";
import { type AnswerSubmission, gradeSubmission } from "../../study/mock/answers.ts";
import {
  ANSWER_GRACE_MS,
  answerRefusal,
  deadlineMs,
  elapsedMs,
  remainingMs,
  timeLimitMs,
} from "../../study/mock/clock.ts";
import {
  addAnswer,
  expireMock,
  finishMock,
  type KeyPointTexts,
  type MockChange,
  pauseMock,
  resumeMock,
  startMock,
} from "../../study/mock/lifecycle.ts";
import { planMock, RECENT_MOCKS } from "../../study/mock/planner.ts";
import { plannerQuestions } from "../../study/mock/questions.ts";
import {
  MAX_ANSWER_CHARS,
  MAX_CODE_CHARS,
  MAX_MOCK_MINUTES,
  MAX_MOCK_QUESTIONS,
  MAX_SEED,
  MAX_TESTS,
  MIN_MOCK_MINUTES,
  type MockAnswer,
  type MockRecord,
  type MockSetup,
} from "../../study/mock/types.ts";
import { computeStats } from "../../study/stats.ts";
import { RATINGS, type Rating } from "../../study/types.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { ApiError, badRequest, forbidden, notFound } from "../http/errors.ts";
import { topicList } from "../http/query.ts";
import { jsonBody, parseWith, queryObject } from "../http/validate.ts";

const DEFAULT_MINUTES = 30;
const int = (what: string) => z.number({ error: `must be ${what}` }).int(`must be ${what}`);
const durationMs = int("a whole number of milliseconds").min(0, "must be ≥ 0").max(86_400_000);
const noQuery = z.object({}).strict();

const toName = (rating: ApiRating) => RATINGS[rating - 1] as Rating;
const toNumber = (rating: Rating) => (RATINGS.indexOf(rating) + 1) as ApiRating;

/**
 * Mock interviews (docs/mocks.md): set-up → plan, answers (idempotent per question),
 * finish (idempotent), pause and resume (local profile only), history. A mock belongs to
 * the user who started it; any other user's id is a 404. A mock past its time is
 * closed into a report of what was answered the next time anything reads it.
 */
export function mockRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, view } = deps;
  const app = new Hono<AppEnv>();
  const questions = plannerQuestions(view.bank.questions);
  const canPause = deps.identity.mode === "local";
  const keyPointTexts: KeyPointTexts = (id) =>
    view.bank.byId.get(id)?.keyPoints.map((point) => point.text) ?? [];

  const setupBody = z
    .object({
      levels: z
        .array(z.enum(LEVELS, { error: `must be one of ${LEVELS.join(", ")}` }))
        .max(LEVELS.length)
        .refine((l) => new Set(l).size === l.length, "lists a level twice")
        .optional(),
      topics: topicList(new Set(view.bank.topics.map((t) => t.id))).optional(),
      minutes: int("a whole number of minutes")
        .min(MIN_MOCK_MINUTES, `must be ${MIN_MOCK_MINUTES} to ${MAX_MOCK_MINUTES}`)
        .max(MAX_MOCK_MINUTES, `must be ${MIN_MOCK_MINUTES} to ${MAX_MOCK_MINUTES}`)
        .optional(),
      questions: int("a whole number")
        .min(1, `must be 1 to ${MAX_MOCK_QUESTIONS}`)
        .max(MAX_MOCK_QUESTIONS, `must be 1 to ${MAX_MOCK_QUESTIONS}`)
        .optional(),
      includeExercises: z.boolean().optional(),
      preferWeakTopics: z.boolean().optional(),
      seed: int("a whole number").min(0).max(MAX_SEED, `must be 0 to ${MAX_SEED}`).optional(),
    })
    .strict()
    .refine((b) => b.minutes === undefined || b.questions === undefined, {
      path: ["questions"],
      error: "give minutes or questions, not both",
    });

  const base = {
    questionId: z.string().min(1).max(300),
    durationMs,
  };
  const answerBody = z.discriminatedUnion(
    "kind",
    [
      z
        .object({
          ...base,
          kind: z.literal("concept"),
          text: z.string().max(MAX_ANSWER_CHARS),
          rating: int("1, 2, 3 or 4").min(1).max(4).nullable().optional(),
        })
        .strict(),
      z
        .object({ ...base, kind: z.literal("drill"), output: z.string().max(MAX_ANSWER_CHARS) })
        .strict(),
      z
        .object({
          ...base,
          kind: z.literal("exercise"),
          code: z.string().max(MAX_CODE_CHARS),
          passed: int("a whole number").min(0).max(MAX_TESTS),
          total: int("a whole number").min(0).max(MAX_TESTS),
        })
        .strict()
        .refine((b) => b.passed <= b.total, { path: ["passed"], error: "must be ≤ total" }),
    ],
    { error: "must be concept, drill or exercise" },
  );

  const json = (mock: MockRecord, now: Date): MockJson => mockJson(mock, now, canPause);

  /** The caller's mock, closed first if its time ran out while nobody looked. */
  async function load(c: Context<AppEnv>, now: Date): Promise<MockRecord> {
    const userId = c.get("user").id;
    const id = c.req.param("id") ?? "";
    const mock = await store.mocks.get(userId, id);
    if (!mock) throw notFound("no such mock interview");
    if (mock.status === "finished") return mock;
    const settled = await store.mocks.update(userId, id, (m) => expireMock(m, now, keyPointTexts));
    return settled?.mock ?? mock;
  }

  async function change(
    c: Context<AppEnv>,
    decide: (mock: MockRecord) => MockChange | null,
  ): Promise<MockRecord> {
    const result = await store.mocks.update(c.get("user").id, c.req.param("id") ?? "", decide);
    if (!result) throw notFound("no such mock interview");
    return result.mock;
  }

  app.post("/mocks", async (c) => {
    parseWith(noQuery, queryObject(c), "query");
    const body = await jsonBody(c, setupBody);
    const userId = c.get("user").id;
    const now = deps.now();
    const setup: MockSetup = {
      levels: body.levels ?? [],
      topics: body.topics ?? [],
      budget:
        body.questions !== undefined
          ? { kind: "questions", count: body.questions }
          : { kind: "minutes", minutes: body.minutes ?? DEFAULT_MINUTES },
      includeExercises: body.includeExercises ?? false,
      preferWeakTopics: body.preferWeakTopics ?? false,
      seed: body.seed ?? Math.floor(Math.random() * (MAX_SEED + 1)),
    };
    const recent = await store.mocks.list(userId, { limit: RECENT_MOCKS });
    const weakness = setup.preferWeakTopics
      ? weaknessByTopic(
          computeStats({
            reviews: [],
            states: await store.listCardStates(userId),
            cards: view.cards,
            now,
          }).mastery,
          recent.flatMap((entry) => (entry.mock?.report ? [entry.mock.report] : [])),
        )
      : undefined;
    const plan = planMock({
      questions,
      setup,
      // A seed the candidate chose asks for a plan they can repeat: history stays out of it.
      recentMocks:
        body.seed === undefined
          ? recent.map((entry) => entry.mock?.plan.items.map((i) => i.questionId) ?? [])
          : [],
      ...(weakness ? { weakness } : {}),
    });
    if (plan.items.length === 0) {
      const matching = planMock({
        questions,
        setup: { ...setup, budget: { kind: "questions", count: 1 } },
      });
      throw badRequest("no questions for this mock", [
        matching.items.length === 0
          ? { field: "topics", reason: "no question in the bank has these levels and topics" }
          : { field: "minutes", reason: "no matching question fits in that many minutes" },
      ]);
    }
    const mock = await store.mocks.create(userId, startMock(randomUUID(), setup, plan, now));
    return c.json(json(mock, now), 201);
  });

  app.get("/mocks", async (c) => {
    const query = parseWith(
      z
        .object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          status: z.enum(["active", "finished"]).optional(),
        })
        .strict(),
      queryObject(c),
      "query",
    );
    const userId = c.get("user").id;
    const now = deps.now();
    const entries = await store.mocks.list(userId, {
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
    });
    const items: MockSummary[] = [];
    for (const entry of entries) {
      let mock = entry.mock;
      if (mock?.status === "active") {
        mock =
          (await store.mocks.update(userId, mock.id, (m) => expireMock(m, now, keyPointTexts)))
            ?.mock ?? mock;
        if (query.status === "active" && mock.status !== "active") continue;
      }
      items.push(
        mock
          ? summaryOf(mock)
          : {
              id: entry.key,
              status: "finished",
              startedAt: entry.takenAt.toISOString(),
              finishedAt: new Date(entry.takenAt.getTime() + entry.durationMs).toISOString(),
              score: entry.score,
              answered: 0,
              total: 0,
              durationMs: entry.durationMs,
              timeLimitMs: entry.durationMs,
              levels: entry.levels,
              topics: entry.topics,
              endedBy: null,
              setup: null,
              hasReport: false,
            },
      );
    }
    return c.json({ items } satisfies MockList);
  });

  app.get("/mocks/:id", async (c) => {
    parseWith(noQuery, queryObject(c), "query");
    const now = deps.now();
    return c.json(json(await load(c, now), now));
  });

  app.post("/mocks/:id/answers", async (c) => {
    parseWith(noQuery, queryObject(c), "query");
    const body = await jsonBody(c, answerBody);
    const now = deps.now();
    const mock = await load(c, now);
    const item = mock.plan.items.find((i) => i.questionId === body.questionId);
    if (!item) {
      throw badRequest("invalid body", [
        { field: "questionId", reason: "is not a question of this mock" },
      ]);
    }
    if (item.kind !== body.kind) {
      throw badRequest("invalid body", [
        { field: "kind", reason: `this question asks for ${item.kind}` },
      ]);
    }
    const submission: AnswerSubmission =
      body.kind === "concept"
        ? {
            kind: "concept",
            text: body.text,
            rating: body.rating == null ? null : toName(body.rating as ApiRating),
            durationMs: body.durationMs,
          }
        : body;
    let duplicate = false;
    const stored = await change(c, (current) => {
      duplicate = current.answers.some((a) => a.questionId === item.questionId);
      if (duplicate) return null;
      const refusal = answerRefusal(current, now);
      if (refusal === "finished") throw conflict("this mock interview is over");
      if (refusal === "paused") throw conflict("the mock interview is paused: resume it first");
      if (refusal === "time-up") throw conflict("time is up for this mock interview");
      const answer = gradeSubmission(item, submission, view.bank.byId.get(item.questionId), now);
      // The client measures time per question; it cannot exceed the interview's own.
      const cap = elapsedMs(current, now) + ANSWER_GRACE_MS;
      return addAnswer(current, { ...answer, durationMs: Math.min(answer.durationMs, cap) });
    });
    return c.json({ mock: json(stored, now), duplicate });
  });

  app.post("/mocks/:id/finish", async (c) => {
    parseWith(noQuery, queryObject(c), "query");
    const now = deps.now();
    const mock = await load(c, now);
    if (mock.status === "finished") return c.json(json(mock, now));
    const finished = await change(c, (current) => finishMock(current, now, keyPointTexts));
    return c.json(json(finished, now));
  });

  for (const [action, decide] of [
    ["pause", pauseMock],
    ["resume", resumeMock],
  ] as const) {
    app.post(`/mocks/:id/${action}`, async (c) => {
      parseWith(noQuery, queryObject(c), "query");
      if (!canPause) throw forbidden("pausing a mock interview is for the local profile only");
      const now = deps.now();
      const mock = await load(c, now);
      if (mock.status === "finished") throw conflict("this mock interview is over");
      return c.json(json(await change(c, (current) => decide(current, now)), now));
    });
  }

  return app;
}

function conflict(message: string): ApiError {
  return new ApiError(409, message, [{ field: "mock", reason: message }]);
}

/**
 * 0 (strong) to 1 (weak) per topic: what the cards say (a topic started but not
 * mastered) and what the last mocks' scores say, averaged where both speak.
 */
function weaknessByTopic(
  mastery: readonly { topic: string; seen: number; strength: number }[],
  reports: readonly NonNullable<MockRecord["report"]>[],
): Map<string, number> {
  const signals = new Map<string, number[]>();
  const add = (topic: string, value: number) =>
    signals.set(topic, [...(signals.get(topic) ?? []), value]);
  for (const entry of mastery) if (entry.seen > 0) add(entry.topic, 1 - entry.strength);
  for (const report of reports) for (const t of report.byTopic) add(t.topic, 1 - t.score);
  return new Map(
    [...signals].map(([topic, values]) => [
      topic,
      values.reduce((a, b) => a + b, 0) / values.length,
    ]),
  );
}

function answerJson(answer: MockAnswer): MockAnswerJson {
  const answeredAt = answer.answeredAt.toISOString();
  if (answer.kind !== "concept") return { ...answer, answeredAt };
  return {
    ...answer,
    answeredAt,
    rating: answer.rating === null ? null : toNumber(answer.rating),
  };
}

export function mockJson(mock: MockRecord, now: Date, canPause: boolean): MockJson {
  const running = mock.status === "active";
  const report = mock.report;
  return {
    id: mock.id,
    status: mock.status,
    setup: mock.setup,
    items: mock.plan.items.map((item, index) => ({ index, ...item })),
    totalMinutes: mock.plan.totalMinutes,
    timeLimitMs: timeLimitMs(mock),
    startedAt: mock.startedAt.toISOString(),
    serverNow: now.toISOString(),
    remainingMs: running ? remainingMs(mock, now) : 0,
    deadline: running && !mock.pausedAt ? new Date(deadlineMs(mock)).toISOString() : null,
    pausedAt: mock.pausedAt?.toISOString() ?? null,
    canPause,
    answers: mock.answers.map(answerJson),
    finishedAt: mock.finishedAt?.toISOString() ?? null,
    report: report && {
      ...report,
      items: report.items.map((item) => ({
        ...item,
        answer: item.answer && answerJson(item.answer),
      })),
    },
  };
}

function summaryOf(mock: MockRecord): MockSummary {
  return {
    id: mock.id,
    status: mock.status,
    startedAt: mock.startedAt.toISOString(),
    finishedAt: mock.finishedAt?.toISOString() ?? null,
    score: mock.report?.score ?? null,
    answered: mock.report?.answered ?? mock.answers.length,
    total: mock.plan.items.length,
    durationMs: mock.report?.durationMs ?? 0,
    timeLimitMs: timeLimitMs(mock),
    levels: mock.setup.levels,
    topics: mock.setup.topics,
    endedBy: mock.report?.endedBy ?? null,
    setup: mock.setup,
    hasReport: mock.report !== null,
  };
}

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWER_GRACE_MS, PAUSE_EXPIRY_MS } from "../../src/study/mock/clock.ts";
import { Client, type DbKind, type Json } from "./harness.ts";
import { type ClockedServer, startClockedServer } from "./mocks-server.ts";

const MIN = 60_000;
/** Touches "mutable" and "hashable": two of the fixture question's three key points. */
const GOOD_ANSWER = "Lists are mutable; tuples are hashable when their items are.";

function expectError(res: { status: number; body: Json }, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(typeof res.body.error).toBe("string");
  expect(Array.isArray(res.body.details)).toBe(true);
  if (field) expect(res.body.details.map((d: Json) => d.field)).toContain(field);
}

const itemOf = (mock: Json, kind: string) => mock.items.find((i: Json) => i.kind === kind);

/** Answers for each kind of item, as the web app sends them. */
function answerFor(item: Json, extra: Record<string, unknown> = {}) {
  const base = { questionId: item.questionId, kind: item.kind, durationMs: 40_000 };
  if (item.kind === "concept") return { ...base, text: GOOD_ANSWER, rating: 3, ...extra };
  if (item.kind === "drill") return { ...base, output: "([1, 2], 3)", ...extra };
  return { ...base, code: "def freeze(x): ...", passed: 1, total: 3, ...extra };
}

/**
 * The mock interview endpoints against a real server with the fixture bank and a clock
 * the test moves: start, answer (once per question), finish twice, abandon and expire,
 * resume, pause, history; then, in hosted mode, isolation between users.
 */
export function mocksSuite(db: DbKind): void {
  describe(`mock interviews API, local mode, ${db}`, () => {
    let server: ClockedServer;
    let api: Client;

    beforeAll(async () => {
      server = await startClockedServer({ db, mode: "local" });
      api = new Client(server.url);
    });
    afterAll(async () => {
      await server?.stop();
    });

    const start = async (body: Record<string, unknown>) => {
      const res = await api.post("/api/mocks", body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };

    let first: Json;

    it("starts a mock from a set-up: a plan of each kind, its time limit and the clock", async () => {
      first = await start({ questions: 3, includeExercises: true, seed: 7 });
      expect(first.status).toBe("active");
      expect(first.setup).toEqual({
        levels: [],
        topics: [],
        budget: { kind: "questions", count: 3 },
        includeExercises: true,
        preferWeakTopics: false,
        seed: 7,
      });
      expect(first.items.map((i: Json) => i.kind).sort()).toEqual(["concept", "drill", "exercise"]);
      expect(new Set(first.items.map((i: Json) => i.questionId)).size).toBe(3);
      for (const item of first.items) {
        expect(item.minutes).toBe(3);
        if (item.kind !== "concept") expect(item.cardId).toBe(`${item.questionId}/${item.key}`);
      }
      expect(first.totalMinutes).toBe(9);
      expect(first.timeLimitMs).toBe(9 * MIN);
      expect(first.remainingMs).toBe(9 * MIN);
      expect(Date.parse(first.deadline) - Date.parse(first.startedAt)).toBe(9 * MIN);
      expect(first).toMatchObject({ canPause: true, answers: [], report: null, pausedAt: null });
      const again = await api.get(`/api/mocks/${first.id}`);
      expect(again.status).toBe(200);
      expect(again.body.items).toEqual(first.items);
    });

    it("picks a seed when none is given, and 30 minutes when no length is", async () => {
      const mock = await start({});
      expect(mock.setup.budget).toEqual({ kind: "minutes", minutes: 30 });
      expect(Number.isInteger(mock.setup.seed)).toBe(true);
      expect(mock.timeLimitMs).toBe(30 * MIN);
      // The fixture bank holds 9 minutes of questions: all of them fit.
      expect(mock.items).toHaveLength(3);
      await api.post(`/api/mocks/${mock.id}/finish`);
    });

    it("repeats a plan for a seed the candidate chose, whatever came before", async () => {
      const one = await start({ questions: 2, seed: 21 });
      await api.post(`/api/mocks/${one.id}/finish`);
      const two = await start({ questions: 2, seed: 21 });
      await api.post(`/api/mocks/${two.id}/finish`);
      expect(two.items).toEqual(one.items);
      // Without a seed the planner steers clear of the last mock's questions.
      const fresh = await start({ questions: 1 });
      await api.post(`/api/mocks/${fresh.id}/finish`);
      expect(two.items.map((i: Json) => i.questionId)).not.toContain(fresh.items[0].questionId);
    });

    it("refuses a bad set-up, naming the field", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ minutes: 2 }, "minutes"],
        [{ minutes: 181 }, "minutes"],
        [{ minutes: 30, questions: 3 }, "questions"],
        [{ questions: 0 }, "questions"],
        [{ topics: ["astrology"] }, "topics.0"],
        [{ levels: ["guru"] }, "levels.0"],
        [{ seed: -1 }, "seed"],
        [{ seed: 2 ** 32 }, "seed"],
        [{ includeExercises: "yes" }, "includeExercises"],
        [{ levels: ["expert"] }, "topics"],
        [{ color: "blue" }, "color"],
      ];
      for (const [body, field] of cases) {
        const res = await api.post("/api/mocks", body);
        expectError(res, 400);
        expect(
          res.body.details.map((d: Json) => d.field).join(","),
          JSON.stringify(body),
        ).toContain(field);
      }
      expectError(await api.post("/api/mocks?x=1", {}), 400, "x");
    });

    it("takes one answer per question, graded by the server", async () => {
      server.advance(MIN);
      const concept = itemOf(first, "concept");
      const res = await api.post(`/api/mocks/${first.id}/answers`, answerFor(concept));
      expect(res.status).toBe(200);
      expect(res.body.duplicate).toBe(false);
      const [stored] = res.body.mock.answers;
      expect(stored).toMatchObject({
        kind: "concept",
        questionId: concept.questionId,
        text: GOOD_ANSWER,
        rating: 3,
        keyPoints: [true, true, false],
        durationMs: 40_000,
      });
      // The same question again: the first answer stands, whatever the second says.
      const retry = await api.post(
        `/api/mocks/${first.id}/answers`,
        answerFor(concept, { text: "something else", rating: 1 }),
      );
      expect(retry.status).toBe(200);
      expect(retry.body.duplicate).toBe(true);
      expect(retry.body.mock.answers).toEqual([stored]);

      const drill = itemOf(first, "drill");
      const wrong = await api.post(`/api/mocks/${first.id}/answers`, answerFor(drill));
      expect(wrong.body.mock.answers[1]).toMatchObject({ kind: "drill", correct: false });
      expect(wrong.body.mock.answers).toHaveLength(2);
    });

    it("refuses answers that do not fit the mock, naming the field", async () => {
      const exercise = itemOf(first, "exercise");
      const concept = itemOf(first, "concept");
      const url = `/api/mocks/${first.id}/answers`;
      expectError(await api.post(url, { ...answerFor(exercise), kind: "drill" }), 400);
      expectError(
        await api.post(url, { ...answerFor(concept), questionId: exercise.questionId }),
        400,
        "kind",
      );
      expectError(
        await api.post(url, { ...answerFor(concept), questionId: "nope" }),
        400,
        "questionId",
      );
      expectError(await api.post(url, answerFor(concept, { rating: 5 })), 400, "rating");
      expectError(await api.post(url, answerFor(exercise, { passed: 4 })), 400, "passed");
      expectError(await api.post(url, answerFor(exercise, { extra: 1 })), 400, "extra");
      expectError(
        await api.post(url, answerFor(concept, { text: "x".repeat(20_001) })),
        400,
        "text",
      );
      expectError(await api.post(url, { ...answerFor(exercise), kind: "essay" }), 400, "kind");
      expectError(await api.post(url, answerFor(exercise, { durationMs: -1 })), 400, "durationMs");
      const now = await api.get(`/api/mocks/${first.id}`);
      expect(now.body.answers).toHaveLength(2);
    });

    it("resumes from the server's state: the answers and the time left", async () => {
      server.advance(2 * MIN);
      const res = await api.get(`/api/mocks/${first.id}`);
      expect(res.body.status).toBe("active");
      expect(res.body.answers.map((a: Json) => a.kind)).toEqual(["concept", "drill"]);
      expect(res.body.remainingMs).toBe(6 * MIN);
    });

    let report: Json;

    it("finishes once: a second finish returns the same report", async () => {
      const exercise = itemOf(first, "exercise");
      const done = await api.post(`/api/mocks/${first.id}/finish`);
      expect(done.status).toBe(200);
      expect(done.body.status).toBe("finished");
      report = done.body.report;
      expect(report).toMatchObject({ endedBy: "candidate", answered: 2, total: 3 });
      // Concept: (2/3 key points + Good 2/3) / 2; drill wrong; exercise unanswered. Equal minutes.
      expect(report.score).toBeCloseTo(2 / 3 / 3);
      const missed = report.items.filter((i: Json) => i.missed).map((i: Json) => i.cardId);
      // The concept answer passed (2/3 ≥ 0.6); the wrong drill and the skipped exercise did not.
      expect(missed.sort()).toEqual([itemOf(first, "drill").cardId, exercise.cardId].sort());
      expect([...report.reviewCardIds].sort()).toEqual(missed.sort());
      const concept = report.items.find((i: Json) => i.kind === "concept");
      expect(concept.missedKeyPoints).toHaveLength(1);
      expect(concept.missedKeyPoints[0].text).toMatch(/record/);
      expect(report.byLevel.map((l: Json) => l.level)).toEqual(["fresher", "intermediate"]);
      expect(done.body.remainingMs).toBe(0);
      expect(done.body.deadline).toBeNull();

      server.advance(MIN);
      const again = await api.post(`/api/mocks/${first.id}/finish`);
      expect(again.status).toBe(200);
      expect(again.body.report).toEqual(report);
      expect(again.body.finishedAt).toBe(done.body.finishedAt);
    });

    it("puts the missed cards into the study queue, due now", async () => {
      const session = await api.get("/api/session");
      const due = session.body.due.map((card: Json) => card.id);
      for (const cardId of report.reviewCardIds) expect(due).toContain(cardId);
      const card = await api.get(`/api/cards/${encodeURIComponent(report.reviewCardIds[0])}`);
      expect(card.body.card.state).not.toBeNull();
    });

    it("refuses new answers once finished, but a retried answer still gets its first reply", async () => {
      const exercise = itemOf(first, "exercise");
      const late = await api.post(`/api/mocks/${first.id}/answers`, answerFor(exercise));
      expectError(late, 409, "mock");
      const retried = await api.post(
        `/api/mocks/${first.id}/answers`,
        answerFor(itemOf(first, "concept")),
      );
      expect(retried.status).toBe(200);
      expect(retried.body.duplicate).toBe(true);
    });

    it("closes a mock left past its time into a report of what was answered", async () => {
      const mock = await start({ questions: 2, seed: 11 });
      const [item] = mock.items;
      expect((await api.post(`/api/mocks/${mock.id}/answers`, answerFor(item))).status).toBe(200);
      // Answers sent just after the deadline still count: they were on their way.
      server.advance(6 * MIN + ANSWER_GRACE_MS / 2);
      const second = mock.items[1];
      expect((await api.post(`/api/mocks/${mock.id}/answers`, answerFor(second))).status).toBe(200);
      server.advance(ANSWER_GRACE_MS);
      const later = await api.get(`/api/mocks/${mock.id}`);
      expect(later.body.status).toBe("finished");
      expect(later.body.report).toMatchObject({ endedBy: "time", answered: 2, total: 2 });
      expect(later.body.finishedAt).toBe(mock.deadline);
      expect(later.body.report.durationMs).toBe(6 * MIN);
      const retried = await api.post(`/api/mocks/${mock.id}/answers`, answerFor(second));
      expect(retried.body.duplicate).toBe(true);
      const third = await start({ questions: 1, seed: 12 });
      server.advance(3 * MIN + ANSWER_GRACE_MS + 1);
      expectError(
        await api.post(`/api/mocks/${third.id}/answers`, answerFor(third.items[0])),
        409,
        "mock",
      );
    });

    it("lets an abandoned mock be finished later, before its time is up", async () => {
      const mock = await start({ questions: 1, seed: 3 });
      server.advance(MIN);
      const done = await api.post(`/api/mocks/${mock.id}/finish`);
      expect(done.body.report).toMatchObject({
        endedBy: "candidate",
        answered: 0,
        total: 1,
        score: 0,
        durationMs: MIN,
      });
    });

    it("pauses and resumes (local profile): the clock stops, answers wait", async () => {
      const mock = await start({ questions: 2, seed: 5 });
      server.advance(MIN);
      const paused = await api.post(`/api/mocks/${mock.id}/pause`);
      expect(paused.status).toBe(200);
      expect(paused.body.deadline).toBeNull();
      expect(paused.body.remainingMs).toBe(5 * MIN);
      server.advance(30 * MIN);
      expect((await api.get(`/api/mocks/${mock.id}`)).body).toMatchObject({
        status: "active",
        remainingMs: 5 * MIN,
      });
      expectError(
        await api.post(`/api/mocks/${mock.id}/answers`, answerFor(mock.items[0])),
        409,
        "mock",
      );
      const resumed = await api.post(`/api/mocks/${mock.id}/resume`);
      expect(resumed.body.remainingMs).toBe(5 * MIN);
      expect(Date.parse(resumed.body.deadline) - Date.parse(mock.deadline)).toBe(30 * MIN);
      expect(
        (await api.post(`/api/mocks/${mock.id}/answers`, answerFor(mock.items[0]))).status,
      ).toBe(200);
      // A pause nobody comes back to closes after a week, keeping what was answered.
      await api.post(`/api/mocks/${mock.id}/pause`);
      server.advance(PAUSE_EXPIRY_MS + MIN);
      const expired = await api.get(`/api/mocks/${mock.id}`);
      expect(expired.body.report).toMatchObject({ endedBy: "expired", answered: 1, total: 2 });
      expectError(await api.post(`/api/mocks/${mock.id}/resume`), 409, "mock");
    });

    it("lists the history newest first, with scores, and filters by status", async () => {
      const running = await start({ questions: 1, seed: 9 });
      const res = await api.get("/api/mocks");
      expect(res.status).toBe(200);
      const items = res.body.items;
      expect(items[0]).toMatchObject({ id: running.id, status: "active", score: null });
      expect(items.at(-1)).toMatchObject({ id: first.id, status: "finished", hasReport: true });
      expect(items.at(-1).score).toBeCloseTo(report.score);
      const starts = items.map((i: Json) => Date.parse(i.startedAt));
      expect(starts).toEqual([...starts].sort((a, b) => b - a));
      const finished = await api.get("/api/mocks?status=finished");
      expect(finished.body.items.every((i: Json) => i.status === "finished")).toBe(true);
      expect(finished.body.items).toHaveLength(items.length - 1);
      expect((await api.get("/api/mocks?limit=2")).body.items).toHaveLength(2);
      expectError(await api.get("/api/mocks?limit=0"), 400, "limit");
      expectError(await api.get("/api/mocks?status=lost"), 400, "status");
      expectError(await api.get("/api/mocks?sort=asc"), 400, "sort");
      await api.post(`/api/mocks/${running.id}/finish`);
    });

    it("answers 404 for a mock that does not exist", async () => {
      const id = randomUUID();
      expectError(await api.get(`/api/mocks/${id}`), 404);
      expectError(await api.post(`/api/mocks/${id}/finish`), 404);
      expectError(await api.post(`/api/mocks/${id}/pause`), 404);
      expectError(
        await api.post(`/api/mocks/${id}/answers`, answerFor(itemOf(first, "concept"))),
        404,
      );
      expectError(await api.get(`/api/mocks/${"x".repeat(300)}`), 404);
    });

    it("shows mock scores and mock time on the dashboard", async () => {
      const stats = await api.get("/api/stats");
      expect(stats.status).toBe(200);
      const ids = stats.body.mockScores.map((m: Json) => m.id);
      expect(ids).toContain(first.id);
      const times = stats.body.mockScores.map((m: Json) => Date.parse(m.finishedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(stats.body.timePerDay).toHaveLength(90);
      expect(stats.body.dueNow).toBeGreaterThanOrEqual(report.reviewCardIds.length);
    });
  });

  describe(`mock interviews API, hosted mode, ${db}`, () => {
    let server: ClockedServer;

    beforeAll(async () => {
      server = await startClockedServer({ db, mode: "hosted" });
    });
    afterAll(async () => {
      await server?.stop();
    });

    async function signedUp(who: string): Promise<Client> {
      const client = new Client(server.url);
      const res = await client.signUp(`${who}-${randomUUID().slice(0, 8)}@example.com`);
      expect(res.status).toBe(200);
      return client;
    }

    it("keeps each user's mocks their own: another user's id is a 404", async () => {
      const alice = await signedUp("alice");
      const bob = await signedUp("bob");
      const created = await alice.post("/api/mocks", { questions: 2, seed: 1 });
      expect(created.status).toBe(201);
      const mock = created.body;
      expect(mock.canPause).toBe(false);
      const url = `/api/mocks/${mock.id}`;
      const answer = answerFor(mock.items[0]);

      expectError(await bob.get(url), 404);
      expectError(await bob.post(`${url}/answers`, answer), 404);
      expectError(await bob.post(`${url}/finish`), 404);
      expect((await bob.get("/api/mocks")).body.items).toEqual([]);
      expect((await bob.get("/api/stats")).body.mockScores).toEqual([]);

      const own = await alice.get(url);
      expect(own.body).toMatchObject({ status: "active", answers: [] });
      expect((await alice.post(`${url}/answers`, answer)).status).toBe(200);
      expect((await alice.get("/api/mocks")).body.items.map((i: Json) => i.id)).toEqual([mock.id]);
    });

    it("has no pause in hosted mode, and nothing without signing in", async () => {
      const carol = await signedUp("carol");
      const mock = (await carol.post("/api/mocks", { questions: 1 })).body;
      expectError(await carol.post(`/api/mocks/${mock.id}/pause`), 403);
      const anon = new Client(server.url);
      const calls: [string, string][] = [
        ["GET", "/api/mocks"],
        ["POST", "/api/mocks"],
        ["GET", `/api/mocks/${mock.id}`],
        ["POST", `/api/mocks/${mock.id}/answers`],
        ["POST", `/api/mocks/${mock.id}/finish`],
        ["POST", `/api/mocks/${mock.id}/pause`],
        ["POST", `/api/mocks/${mock.id}/resume`],
      ];
      for (const [method, path] of calls) {
        const res = await anon.request(method, path, method === "POST" ? { json: {} } : {});
        expect(res.status, `${method} ${path}`).toBe(401);
      }
      expect((await carol.get(`/api/mocks/${mock.id}`)).body.status).toBe("active");
    });
  });
}

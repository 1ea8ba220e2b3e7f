import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type DbKind, type Json, review } from "./harness.ts";
import { type ClockedServer, startClockedServer } from "./mocks-server.ts";

const DAY = 86_400_000;
const dayAfter = (days: number, from = Date.now()) =>
  new Date(Math.floor(from / DAY) * DAY + days * DAY).toISOString().slice(0, 10);

function expectError(res: { status: number; body: Json }, status: number, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(typeof res.body.error).toBe("string");
  if (field) expect(res.body.details.map((d: Json) => d.field)).toContain(field);
}

/**
 * The interview and plan endpoints on a real server with the fixture bank (two fresher
 * questions, one intermediate; three cards each) and a clock the test moves.
 */
export function planSuite(db: DbKind): void {
  describe(`interviews and plan API, local mode, ${db}`, () => {
    let server: ClockedServer;
    let api: Client;
    // The server's clock runs from real time plus what the test advanced it by.
    let advanced = 0;
    const clock = () => Date.now() + advanced;
    beforeAll(async () => {
      server = await startClockedServer({ db, mode: "local" });
      api = new Client(server.url);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("has no plan before an interview is set", async () => {
      const res = await api.get("/api/plan");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ interview: null, plan: null, today: null, readiness: null });
      expect((await api.get("/api/session")).body.plan).toBeNull();
    });

    it("names the bad field", async () => {
      const ok = { date: dayAfter(14), minutesPerDay: 30 };
      expectError(await api.post("/api/interviews", { ...ok, date: "2026-02-30" }), 400, "date");
      expectError(
        await api.post("/api/interviews", { ...ok, minutesPerDay: 0 }),
        400,
        "minutesPerDay",
      );
      expectError(await api.post("/api/interviews", { ...ok, levels: ["guru"] }), 400, "levels.0");
      expectError(await api.post("/api/interviews", { ...ok, topics: ["nope"] }), 400, "topics.0");
      expectError(
        await api.post("/api/interviews", { ...ok, timeZone: "Mars/Base" }),
        400,
        "timeZone",
      );
      expectError(
        await api.post("/api/interviews", { ...ok, minutesByWeekday: [1, 2] }),
        400,
        "minutesByWeekday",
      );
      expectError(await api.post("/api/interviews", { ...ok, colour: "red" }), 400, "colour");
      expectError(await api.get("/api/plan?tzOffset=5000"), 400, "tzOffset");
      expectError(await api.get(`/api/interviews/${randomUUID()}`), 404);
    });

    it("sets an interview 14 days out, plans it, and today's session is the plan's", async () => {
      const created = await api.post("/api/interviews", {
        date: dayAfter(14, clock()),
        levels: ["fresher"],
        minutesPerDay: 30,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.interview.id;
      expect(created.body.interview).toMatchObject({
        status: "open",
        levels: ["fresher"],
        minutesPerDay: 30,
      });

      const { body } = await api.get("/api/plan");
      expect(body.interview.id).toBe(id);
      expect(body.plan.daysLeft).toBe(14);
      expect(body.plan.days).toHaveLength(14);
      expect(body.plan.feasible).toBe(true);
      expect(body.plan.scope).toMatchObject({ cards: 6, newCards: 6, placedNewCards: 6 });
      expect(body.plan.mocks.map((m: Json) => m.label)).toEqual(["baseline", "midway", "final"]);
      for (const day of body.plan.days) expect(day.minutes).toBeLessThanOrEqual(day.budget);
      expect(body.today).toEqual(body.plan.days[0]);
      expect(body.readiness.byLevel.map((g: Json) => g.key)).toEqual(["fresher"]);
      expect(body.readiness.overall.currentRecall).toBe(0);

      const session = await api.get("/api/session");
      expect(session.body.plan).toMatchObject({ interviewId: id, daysLeft: 14 });
      expect(session.body.new.map((c: Json) => c.id)).toEqual(body.today.newCardIds);
      expect(session.body.new.every((c: Json) => c.level === "fresher")).toBe(true);

      // Study the first planned card: it stays in today's plan and leaves the session's new cards.
      const first = body.today.newCardIds[0];
      expect((await api.post("/api/reviews", review(first, 3))).status).toBe(200);
      const after = await api.get("/api/plan");
      expect(after.body.today.newCardIds).toContain(first);
      expect(after.body.readiness.overall.currentRecall).toBeGreaterThan(0);
      const nextSession = await api.get("/api/session");
      expect(nextSession.body.new.map((c: Json) => c.id)).not.toContain(first);

      // Missing a day: the plan starts from the next day and still holds every card.
      server.advance(2 * DAY);
      advanced += 2 * DAY;
      const moved = await api.get("/api/plan");
      expect(moved.body.plan.daysLeft).toBe(12);
      expect(moved.body.plan.scope.placedNewCards).toBe(5);
      for (const day of moved.body.plan.days) expect(day.minutes).toBeLessThanOrEqual(day.budget);

      // Moving the date re-plans and keeps the old date in the history.
      const patched = await api.request("PATCH", `/api/interviews/${id}`, {
        json: { date: dayAfter(20, clock()), minutesByWeekday: [0, 20, 20, 20, 20, 20, 40] },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body.interview.history.at(-1).before).toMatchObject({
        minutesByWeekday: null,
      });
      expect((await api.get("/api/plan")).body.plan.daysLeft).toBe(20);
      expectError(
        await api.request("PATCH", `/api/interviews/${id}`, { json: { minutesPerDay: -1 } }),
        400,
        "minutesPerDay",
      );

      // Closing it: no plan, and the session goes back to the daily limit.
      const closed = await api.post(`/api/interviews/${id}/close`, {
        outcome: "offer",
        notes: "yes",
      });
      expect(closed.body.interview).toMatchObject({ status: "closed", outcome: "offer" });
      expectError(await api.post(`/api/interviews/${id}/close`, { outcome: "offer" }), 409, "id");
      expectError(
        await api.post(`/api/interviews/${id}/close`, { outcome: "great" }),
        400,
        "outcome",
      );
      expect((await api.get("/api/plan")).body.plan).toBeNull();
      const list = await api.get("/api/interviews");
      expect(list.body.interviews.map((i: Json) => i.id)).toEqual([id]);
    });

    it("plans the nearest open interview and says plainly when the budget is short", async () => {
      const now = clock();
      await api.post("/api/interviews", { date: dayAfter(40, now), minutesPerDay: 60 });
      const near = await api.post("/api/interviews", { date: dayAfter(2, now), minutesPerDay: 5 });
      const { body } = await api.get("/api/plan");
      expect(body.interview.id).toBe(near.body.interview.id);
      expect(body.plan.feasible).toBe(false);
      expect(body.plan.message).toMatch(/too close|fits/);
      expect(body.readiness.overall.status).toBe("at-risk");
    });
  });

  describe(`interviews and plan API, hosted mode, ${db}`, () => {
    let server: ClockedServer;
    beforeAll(async () => {
      server = await startClockedServer({ db, mode: "hosted" });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("keeps each user's interviews their own, and needs a user", async () => {
      const alice = new Client(server.url);
      const bob = new Client(server.url);
      expect((await alice.signUp(`alice-${randomUUID().slice(0, 8)}@example.com`)).status).toBe(
        200,
      );
      expect((await bob.signUp(`bob-${randomUUID().slice(0, 8)}@example.com`)).status).toBe(200);
      const created = await alice.post("/api/interviews", {
        date: dayAfter(10),
        minutesPerDay: 30,
      });
      const id = created.body.interview.id;
      expectError(await bob.get(`/api/interviews/${id}`), 404);
      expectError(
        await bob.request("PATCH", `/api/interviews/${id}`, { json: { minutesPerDay: 5 } }),
        404,
      );
      expectError(await bob.post(`/api/interviews/${id}/close`, { outcome: "offer" }), 404);
      expect((await bob.get("/api/interviews")).body.interviews).toEqual([]);
      expect((await bob.get("/api/plan")).body.plan).toBeNull();
      expect((await alice.get("/api/plan")).body.interview.id).toBe(id);
      expect((await alice.get(`/api/interviews/${id}`)).body.interview.minutesPerDay).toBe(30);
      const anon = new Client(server.url);
      expect((await anon.get("/api/plan")).status).toBe(401);
      expect((await anon.get("/api/interviews")).status).toBe(401);
      expect((await anon.get(`/api/interviews/${id}`)).status).toBe(401);
    });
  });
}

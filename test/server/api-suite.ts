import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  type DbKind,
  type Json,
  review,
  startTestServer,
  type TestServer,
} from "./harness.ts";

/**
 * Every endpoint of docs/api.md in local mode against a real server on loopback: the
 * happy path, then the bad inputs, with the contract's error shape checked each time.
 */
export function apiSuite(db: DbKind): void {
  describe(`API, local mode, ${db}`, () => {
    let server: TestServer;
    let api: Client;

    beforeAll(async () => {
      server = await startTestServer({ db, mode: "local" });
      api = new Client(server.url);
    });
    afterAll(async () => {
      await server?.stop();
    });

    const expectError = (res: { status: number; body: Json }, status: number, field?: string) => {
      expect(res.status).toBe(status);
      expect(typeof res.body.error).toBe("string");
      expect(Array.isArray(res.body.details)).toBe(true);
      if (field) expect(res.body.details.map((d: Json) => d.field)).toContain(field);
    };

    describe("service", () => {
      it("answers /healthz and /readyz", async () => {
        expect((await api.get("/healthz")).body).toEqual({ ok: true });
        const ready = await api.get("/readyz");
        expect(ready.status).toBe(200);
        expect(ready.body.ok).toBe(true);
      });

      it("says which mode it runs in and who the user is", async () => {
        const res = await api.get("/api/config");
        expect(res.body).toMatchObject({ mode: "local", version: "0.1.0", user: { id: "local" } });
      });

      it("echoes a request id, or makes one", async () => {
        const echoed = await api.request("GET", "/healthz", {
          headers: { "x-request-id": "abc-123" },
        });
        expect(echoed.headers.get("x-request-id")).toBe("abc-123");
        const made = await api.get("/healthz");
        expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      });

      it("answers unknown API routes with 404 JSON", async () => {
        expectError(await api.get("/api/nope"), 404);
        expectError(await api.post("/api/questions"), 404);
      });

      it("sends the cross-origin isolation headers on API responses", async () => {
        const res = await api.get("/api/topics");
        expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
        expect(res.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
        expect(res.headers.get("cache-control")).toBe("no-store");
      });

      it("compresses large answers for clients that accept it", async () => {
        const res = await fetch(`${server.url}/api/questions/list-vs-tuple`, {
          headers: { "accept-encoding": "gzip" },
        });
        expect(res.headers.get("content-encoding")).toBe("gzip");
        expect((await res.json()).id).toBe("list-vs-tuple");
      });
    });

    describe("the bank", () => {
      it("lists topics with counts and levels", async () => {
        const res = await api.get("/api/topics");
        expect(res.status).toBe(200);
        const types = res.body.topics.find((t: Json) => t.id === "types");
        expect(types).toMatchObject({
          title: expect.any(String),
          about: expect.any(String),
          count: 2,
        });
        expect(res.body.levels).toEqual([
          { id: "fresher", count: 2 },
          { id: "intermediate", count: 1 },
          { id: "expert", count: 0 },
        ]);
      });

      it("lists questions, filtered by repeated level and topic", async () => {
        const all = await api.get("/api/questions");
        expect(all.body.total).toBe(3);
        expect(all.body.items[0]).toMatchObject({
          id: "frozen-records",
          level: "fresher",
          topics: ["types"],
          covers: "extra",
          difficulty: 1,
          minutes: 3,
          status: "new",
        });
        const both = await api.get(
          "/api/questions?level=fresher&level=intermediate&topic=data-structures",
        );
        expect(both.body.items.map((q: Json) => q.id)).toEqual([
          "list-vs-tuple",
          "nested-freezing",
        ]);
        const page = await api.get("/api/questions?limit=1&offset=1");
        expect(page.body.total).toBe(3);
        expect(page.body.items.map((q: Json) => q.id)).toEqual(["list-vs-tuple"]);
      });

      it("searches, ranks and highlights", async () => {
        const res = await api.get("/api/questions?q=recursion");
        expect(res.body.items.map((q: Json) => q.id)).toEqual(["nested-freezing"]);
        expect(res.body.items[0].highlights[0]).toContain("<mark>recursion</mark>");
        const none = await api.get("/api/questions?q=zebrafish");
        expect(none.body).toEqual({ total: 0, items: [] });
      });

      it("rejects bad list queries with the field and the reason", async () => {
        expectError(await api.get("/api/questions?level=guru"), 400, "level.0");
        expectError(await api.get("/api/questions?topic=cooking"), 400, "topic.0");
        expectError(await api.get("/api/questions?status=bored"), 400, "status");
        expectError(await api.get("/api/questions?limit=0"), 400, "limit");
        expectError(await api.get("/api/questions?limit=ten"), 400, "limit");
        expectError(await api.get("/api/questions?offset=-1"), 400, "offset");
        expectError(await api.get(`/api/questions?q=${"x".repeat(201)}`), 400, "q");
        expectError(await api.get("/api/questions?colour=red"), 400);
      });

      it("serves one question with rendered Markdown and its cards", async () => {
        const res = await api.get("/api/questions/list-vs-tuple");
        expect(res.status).toBe(200);
        const q = res.body;
        expect(q.answerHtml).toContain("<p>");
        expect(q.keyPoints).toHaveLength(3);
        expect(q.keyPoints[0].html).not.toContain("terms:");
        expect(q.keyPoints[0].terms).toContain("mutable");
        expect(q.examples[0]).toMatchObject({ key: "example-1", runsOn: "both" });
        expect(q.examples[0].code).toContain("print");
        expect(q.drills[0]).toMatchObject({ key: "drill-1", expectedOutput: expect.any(String) });
        expect(q.exercises[0]).toMatchObject({ key: "exercise-1", starter: expect.any(String) });
        expect(q.cards).toEqual([
          { id: "list-vs-tuple", kind: "concept" },
          { id: "list-vs-tuple/drill-1", kind: "drill", key: "drill-1" },
          { id: "list-vs-tuple/exercise-1", kind: "exercise", key: "exercise-1" },
        ]);
      });

      it("answers 404 JSON for an unknown question", async () => {
        expectError(await api.get("/api/questions/no-such-question"), 404);
      });
    });

    describe("study", () => {
      it("builds today's session with counts and a streak", async () => {
        const res = await api.get("/api/session");
        expect(res.status).toBe(200);
        expect(res.body.due).toEqual([]);
        expect(res.body.new.length).toBe(9);
        // Topics take turns: data-structures (list-vs-tuple) comes before types.
        expect(res.body.new[0]).toMatchObject({
          id: "list-vs-tuple",
          questionId: "list-vs-tuple",
          kind: "concept",
          level: "fresher",
          question: "What is the difference between a list and a tuple?",
          title: "What is the difference between a list and a tuple?",
          state: null,
        });
        expect(res.body.new[1]).toMatchObject({
          kind: "drill",
          question: res.body.new[0].question,
        });
        expect(res.body.counts).toMatchObject({
          due: 0,
          new: 9,
          byLevel: { fresher: { due: 0, new: 6 }, intermediate: { due: 0, new: 3 } },
        });
        expect(res.body.streak).toBe(0);
        const filtered = await api.get("/api/session?level=intermediate");
        expect(filtered.body.new.map((c: Json) => c.questionId)).toEqual([
          "nested-freezing",
          "nested-freezing",
          "nested-freezing",
        ]);
      });

      it("rejects bad session queries", async () => {
        expectError(await api.get("/api/session?level=guru"), 400, "level.0");
        expectError(await api.get("/api/session?topic=nope"), 400, "topic.0");
        expectError(await api.get("/api/session?tzOffset=9999"), 400, "tzOffset");
      });

      it("records a review, idempotently", async () => {
        const body = review("frozen-records", 3, {
          grade: { kind: "concept", keyPoints: [true, false, true, true] },
        });
        const first = await api.post("/api/reviews", body);
        expect(first.status).toBe(200);
        expect(first.body.duplicate).toBe(false);
        expect(first.body.card).toMatchObject({
          id: "frozen-records",
          state: { reps: 1, lapses: 0 },
        });
        expect(first.body.card.state.state).toMatch(/learning|review/);

        const again = await api.post("/api/reviews", body);
        expect(again.status).toBe(200);
        expect(again.body.duplicate).toBe(true);
        expect(again.body.card).toEqual(first.body.card);

        const card = await api.get("/api/cards/frozen-records");
        expect(card.body.card.state.reps).toBe(1);
        const session = await api.get("/api/session");
        expect(session.body.streak).toBe(1);
        expect(session.body.counts.newIntroducedToday).toBe(1);
      });

      it("refuses a reused idempotency key for another card with 409", async () => {
        const body = review("list-vs-tuple");
        expect((await api.post("/api/reviews", body)).status).toBe(200);
        expectError(
          await api.post("/api/reviews", { ...body, cardId: "list-vs-tuple/drill-1" }),
          409,
        );
      });

      it("reads a drill card whose id holds a slash, encoded or not", async () => {
        const plain = await api.get("/api/cards/list-vs-tuple/drill-1");
        expect(plain.body.card).toMatchObject({
          id: "list-vs-tuple/drill-1",
          kind: "drill",
          state: null,
        });
        const encoded = await api.get("/api/cards/list-vs-tuple%2Fdrill-1");
        expect(encoded.body.card.id).toBe("list-vs-tuple/drill-1");
        expectError(await api.get("/api/cards/no-such-card"), 404);
      });

      it("rejects bad reviews with the field and the reason", async () => {
        const ok = review("list-vs-tuple/drill-1");
        expectError(await api.post("/api/reviews", { ...ok, rating: 5 }), 400, "rating");
        expectError(await api.post("/api/reviews", { ...ok, rating: "good" }), 400, "rating");
        expectError(
          await api.post("/api/reviews", { ...ok, idempotencyKey: "k1" }),
          400,
          "idempotencyKey",
        );
        expectError(await api.post("/api/reviews", { ...ok, durationMs: -1 }), 400, "durationMs");
        expectError(
          await api.post("/api/reviews", { ...ok, reviewedAt: "yesterday" }),
          400,
          "reviewedAt",
        );
        const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
        expectError(
          await api.post("/api/reviews", { ...ok, reviewedAt: tomorrow }),
          400,
          "reviewedAt",
        );
        expectError(await api.post("/api/reviews", { ...ok, cardId: "nope" }), 400, "cardId");
        expectError(
          await api.post("/api/reviews", { ...ok, grade: { kind: "vibes" } }),
          400,
          "grade.kind",
        );
        expectError(await api.post("/api/reviews", { ...ok, extra: 1 }), 400);
        const { cardId: _, ...noCard } = ok;
        expectError(await api.post("/api/reviews", noCard), 400, "cardId");
        // Nothing of the above was recorded.
        expect((await api.get("/api/cards/list-vs-tuple/drill-1")).body.card.state).toBeNull();
      });

      it("reports stats", async () => {
        const res = await api.get("/api/stats?tzOffset=120");
        expect(res.status).toBe(200);
        expect(res.body.totals).toMatchObject({ reviews: 2, cards: 2, mastered: 0 });
        expect(res.body.reviewsPerDay.at(-1)).toMatchObject({ count: 2 });
        expect(res.body.reviewsPerDay.at(-1).date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(res.body.forecast).toHaveLength(30);
        expect(res.body.retention).toMatchObject({ reviews: 0, rate: null });
        expect(res.body.streak).toBe(1);
        const types = res.body.mastery.find((m: Json) => m.topic === "types");
        expect(types).toMatchObject({ mastered: 0, learning: 2, total: 6 });
        expectError(await api.get("/api/stats?tzOffset=abc"), 400, "tzOffset");
      });

      it("filters the question list by status", async () => {
        const learning = await api.get("/api/questions?status=learning");
        expect(learning.body.items.map((q: Json) => q.id).sort()).toEqual([
          "frozen-records",
          "list-vs-tuple",
        ]);
        const fresh = await api.get("/api/questions?status=new");
        expect(fresh.body.items.map((q: Json) => q.id)).toEqual(["nested-freezing"]);
      });
    });

    describe("settings", () => {
      it("reads defaults and saves a partial update", async () => {
        const before = await api.get("/api/settings");
        expect(before.body).toEqual({
          dailyNewLimit: 20,
          desiredRetention: 0.9,
          levels: [],
          topics: [],
          theme: "system",
        });
        const saved = await api.put("/api/settings", {
          dailyNewLimit: 2,
          theme: "dark",
          topics: ["types"],
        });
        expect(saved.body).toMatchObject({ dailyNewLimit: 2, theme: "dark", topics: ["types"] });
        expect((await api.get("/api/settings")).body).toEqual(saved.body);
        const session = await api.get("/api/session");
        // Two new cards were introduced today already: the limit of 2 leaves none.
        expect(session.body.new).toHaveLength(0);
        await api.put("/api/settings", { dailyNewLimit: 20, topics: [] });
      });

      it("rejects bad settings, naming the field", async () => {
        expectError(await api.put("/api/settings", { dailyNewLimit: 0 }), 400, "dailyNewLimit");
        expectError(await api.put("/api/settings", { dailyNewLimit: 201 }), 400, "dailyNewLimit");
        expectError(
          await api.put("/api/settings", { desiredRetention: 0.5 }),
          400,
          "desiredRetention",
        );
        expectError(await api.put("/api/settings", { levels: ["guru"] }), 400, "levels.0");
        expectError(await api.put("/api/settings", { topics: ["cooking"] }), 400, "topics.0");
        expectError(await api.put("/api/settings", { theme: "neon" }), 400, "theme");
        expectError(await api.put("/api/settings", { colour: "red" }), 400);
        expectError(await api.put("/api/settings", [1, 2]), 400);
        expect((await api.get("/api/settings")).body.theme).toBe("dark");
      });
    });

    describe("progress export and import", () => {
      it("exports a versioned file and imports it back, twice without change", async () => {
        const exported = await api.get("/api/progress/export");
        expect(exported.status).toBe(200);
        expect(exported.headers.get("content-disposition")).toMatch(
          /attachment; filename="pyprep-progress-/,
        );
        expect(exported.body).toMatchObject({ format: "pyprep-progress", version: 1 });
        expect(exported.body.reviews).toHaveLength(2);

        const once = await api.post("/api/progress/import", exported.body);
        expect(once.status).toBe(200);
        expect(once.body).toEqual({
          imported: { reviews: 0, cards: 0, mockResults: 0, interviews: 0 },
          skipped: 4,
        });

        // A review from another device lands; importing it twice counts once.
        const other = structuredClone(exported.body);
        other.reviews[0].idempotencyKey = randomUUID();
        const first = await api.post("/api/progress/import", other);
        expect(first.body.imported.reviews).toBe(1);
        const second = await api.post("/api/progress/import", other);
        expect(second.body.imported.reviews).toBe(0);
        expect((await api.get("/api/stats")).body.totals.reviews).toBe(3);
      });

      it("rejects a file that is not an export, naming the field", async () => {
        expectError(await api.post("/api/progress/import", { format: "anki" }), 400, "format");
        const exported = (await api.get("/api/progress/export")).body;
        expectError(
          await api.post("/api/progress/import", { ...exported, version: 99 }),
          400,
          "version",
        );
      });
    });

    describe("malformed and oversized bodies", () => {
      it("answers malformed JSON with 400 and keeps serving", async () => {
        const res = await api.request("POST", "/api/reviews", {
          body: "{not json",
          headers: { "content-type": "application/json" },
        });
        expectError(res, 400, "body");
        expect((await api.get("/healthz")).status).toBe(200);
      });

      it("asks for JSON when the body is something else", async () => {
        const res = await api.request("POST", "/api/reviews", {
          body: "rating=3",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        expectError(res, 415, "content-type");
      });

      it("answers a body over 1 MB with 413 and keeps serving", async () => {
        const huge = JSON.stringify({ ...review("list-vs-tuple"), pad: "x".repeat(1_100_000) });
        const res = await api.request("POST", "/api/reviews", {
          body: huge,
          headers: { "content-type": "application/json" },
        });
        expectError(res, 413, "body");
        expect((await api.get("/api/topics")).status).toBe(200);
        expect((await api.post("/api/reviews", review("nested-freezing"))).status).toBe(200);
      });

      it("answers a chunked body (no Content-Length) over 1 MB with 413 too", async () => {
        const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < 20) controller.enqueue(chunk);
            else controller.close();
          },
        });
        const res = await fetch(`${server.url}/api/reviews`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          duplex: "half",
        } as RequestInit);
        expect(res.status).toBe(413);
        // A small chunked body still gets through to validation.
        const small = await fetch(`${server.url}/api/reviews`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: new Blob([JSON.stringify(review("nested-freezing"))]).stream(),
          duplex: "half",
        } as RequestInit);
        expect(small.status).toBe(200);
      });

      it("takes an import over the others' 1 MB limit, and past the old 10 MB one", async () => {
        const exported = (await api.get("/api/progress/export")).body;
        // Padding inside a grade keeps the file valid: 12 MB, refused with 413 before.
        exported.reviews[0].grade = { note: "x".repeat(12_000_000) };
        exported.reviews[0].idempotencyKey = randomUUID();
        const ok = await api.post("/api/progress/import", exported);
        expect(ok.status).toBe(200);
        expect(ok.body.imported.reviews).toBe(1);
        expect((await api.get("/healthz")).status).toBe(200);
      });

      it("has no account endpoints in local mode", async () => {
        expectError(await api.post("/api/account/sign-out-everywhere"), 404);
        expectError(
          await api.post("/api/auth/sign-in/email", { email: "a@b.c", password: "x" }),
          404,
        );
      });
    });
  });
}

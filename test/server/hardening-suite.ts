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
 * The inputs the audit of issue 13 broke the server with, one test each, against a real
 * server in local mode: dates, query strings, import files, bodies, headers.
 */
export function hardeningSuite(db: DbKind): void {
  describe(`hardening, local mode, ${db}`, () => {
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
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(typeof res.body.error).toBe("string");
      expect(Array.isArray(res.body.details)).toBe(true);
      if (field) expect(res.body.details.map((d: Json) => d.field)).toContain(field);
    };
    /** The export, holding at least one review and card state (each test stands alone). */
    const exported = async () => {
      const now = (await api.get("/api/progress/export")).body;
      if (now.reviews.length > 0) return now;
      expect((await api.post("/api/reviews", review("frozen-records/drill-1"))).status).toBe(200);
      return (await api.get("/api/progress/export")).body;
    };
    const importing = (file: unknown) => api.post("/api/progress/import", file);
    const importText = (text: string | Uint8Array) =>
      fetch(`${server.url}/api/progress/import`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.url },
        body: text as BodyInit,
      }).then(async (res) => ({ status: res.status, body: await res.json() }));

    describe("dates are bounded on every input path", () => {
      it("refuses a review from year 0 or before 2000, naming reviewedAt", async () => {
        for (const reviewedAt of ["0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z"]) {
          const res = await api.post("/api/reviews", review("list-vs-tuple", 3, { reviewedAt }));
          expectError(res, 400, "reviewedAt");
        }
        const ok = await api.post(
          "/api/reviews",
          review("list-vs-tuple", 3, { reviewedAt: "2000-01-01T00:00:00Z" }),
        );
        expect(ok.status).toBe(200);
      });

      it("refuses imported dates before 2000 or far in the future, naming the field", async () => {
        const file = await exported();
        expect(file.reviews.length).toBeGreaterThan(0);
        const cases: [string, string][] = [
          ["reviews.0.reviewedAt", "0000-01-01T00:00:00.000Z"],
          ["reviews.0.reviewedAt", "2999-01-01T00:00:00.000Z"],
          ["cardStates.0.due", "9999-12-31T00:00:00.000Z"],
          ["cardStates.0.lastReview", "1970-01-01T00:00:00Z"],
          ["exportedAt", "2999-01-01T00:00:00.000Z"],
        ];
        for (const [field, value] of cases) {
          const bad = structuredClone(file);
          const path = field.split(".");
          const last = path.pop() as string;
          path.reduce((at, key) => at[key], bad)[last] = value;
          expectError(await importing(bad), 400, field);
        }
        expect((await api.get("/api/stats")).body.totals.reviews).toBe(file.reviews.length);
      });
    });

    describe("query strings", () => {
      it("answers an unknown parameter on any route with a 400 naming it", async () => {
        for (const path of [
          "/api/config?colour=red",
          "/api/topics?colour=red",
          "/api/questions?colour=red",
          "/api/questions/list-vs-tuple?colour=red",
          "/api/session?colour=red",
          "/api/cards/list-vs-tuple?colour=red",
          "/api/stats?colour=red",
          "/api/settings?colour=red",
          "/api/progress/export?colour=red",
        ]) {
          expectError(await api.get(path), 400, "colour");
        }
        expectError(
          await api.post("/api/reviews?colour=red", review("frozen-records")),
          400,
          "colour",
        );
        expect((await api.get("/api/cards/frozen-records")).body.card.state).toBeNull();
      });

      it("names an unknown body field too", async () => {
        expectError(await api.put("/api/settings", { colour: "red" }), 400, "colour");
      });
    });

    describe("import hardening", () => {
      it("answers a deeply nested grade with 400 naming it, and keeps serving", async () => {
        const file = await exported();
        for (const depth of [10_000, 200_000]) {
          const bad = structuredClone(file);
          // Built as text: JSON.stringify would itself overflow on such a value.
          bad.reviews[0].grade = "@GRADE@";
          bad.reviews[0].idempotencyKey = randomUUID();
          const text = JSON.stringify(bad).replace(
            '"@GRADE@"',
            `{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`,
          );
          const res = await importText(text);
          expectError(res, 400);
          expect(res.body.details[0].field).toMatch(/^reviews\.0\.grade/);
          expect(res.body.details[0].reason).toMatch(/nests deeper than/);
        }
        expect((await api.get("/readyz")).status).toBe(200);
      });

      it("holds imported settings to the API's bounds", async () => {
        const file = await exported();
        for (const dailyNewLimit of [0, 1000, 2.5]) {
          const bad = { ...file, settings: { ...file.settings, dailyNewLimit } };
          expectError(await importing(bad), 400, "settings.dailyNewLimit");
          expectError(await api.put("/api/settings", { dailyNewLimit }), 400, "dailyNewLimit");
        }
        const retention = { ...file, settings: { ...file.settings, desiredRetention: 0.99 } };
        expectError(await importing(retention), 400, "settings.desiredRetention");
        expect((await api.get("/api/settings")).body.dailyNewLimit).toBe(
          file.settings.dailyNewLimit,
        );
      });

      it("refuses a lone-surrogate key on every path, and re-importing an export adds nothing", async () => {
        const file = await exported();
        const lone = structuredClone(file);
        lone.reviews[0].idempotencyKey = `key-\ud800-${randomUUID()}`;
        expectError(await importing(lone), 400, "reviews.0.idempotencyKey");
        const card = structuredClone(file);
        card.cardStates[0].cardId = "list-vs-tuple\udc00";
        expectError(await importing(card), 400, "cardStates.0.cardId");
        const nul = structuredClone(file);
        nul.reviews[0].idempotencyKey = `key-\u0000-${randomUUID()}`;
        expectError(await importing(nul), 400, "reviews.0.idempotencyKey");
        expectError(await api.get("/api/cards/list-vs-tuple%00"), 400, "path");
        const viaApi = await api.post("/api/reviews", {
          ...review("list-vs-tuple"),
          cardId: "list-vs-tuple\ud800",
        });
        expectError(viaApi, 400, "cardId");

        // Keys that are odd but well-formed (astral characters, pairs) round-trip exactly.
        const odd = structuredClone(file);
        odd.reviews[0].idempotencyKey = `🐍-${randomUUID()}-\ud83d\ude00`;
        expect((await importing(odd)).body.imported.reviews).toBe(1);
        const mine = await exported();
        expect(mine.reviews.map((r: Json) => r.idempotencyKey)).toContain(
          odd.reviews[0].idempotencyKey,
        );
        const again = await importing(mine);
        expect(again.status).toBe(200);
        expect(again.body.imported).toEqual({
          reviews: 0,
          cards: 0,
          mockResults: 0,
          interviews: 0,
        });
      });
    });

    describe("progress files", () => {
      const never = (res: { body: Json }) => {
        const text = JSON.stringify(res.body);
        expect(text).not.toMatch(/JSON\.parse|Unexpected token|in JSON at position|Tokenizer/);
      };

      it("says what is wrong with a file that is not a PyPrep export", async () => {
        const text = JSON.stringify(await exported());
        const cases: [string | Uint8Array, RegExp, string][] = [
          ["", /empty/, "file"],
          [text.slice(0, Math.floor(text.length * 0.6)), /incomplete/, "file"],
          [`${text}{"more": 1}`, /not a readable/, "file"],
          ['{"deck": "Python", "notes": []}', /not a PyPrep progress file/, "format"],
          ['{"format": "anki", "version": 1}', /not a PyPrep progress file/, "format"],
          [
            JSON.stringify({ reviews: Array.from({ length: 30 }, (_, i) => ({ note: i })) }),
            /not a PyPrep progress file/,
            "format",
          ],
          ["[1, 2, 3]", /not a PyPrep progress file/, "file"],
          [new Uint8Array([0x50, 0x4b, 3, 4, 0xff, 0xfe, 0, 1]), /not a readable/, "file"],
          ['{"format": "pyprep-progress", \'version\': 1}', /not a readable/, "file"],
          [text.replace('"version":1', '"version":2'), /newer PyPrep/, "version"],
          [text.replace('"version":1', '"version":"one"'), /unknown version/, "version"],
          [text.replace('"version":1,', ""), /unknown version/, "version"],
          [
            JSON.stringify({ ...JSON.parse(text), reviews: { x: JSON.parse(text).reviews[0] } }),
            /damaged/,
            "reviews",
          ],
        ];
        for (const [body, headline, field] of cases) {
          const res = await importText(body);
          expectError(res, 400, field);
          expect(res.body.error).toMatch(headline);
          never(res);
        }
      });

      it("reports every bad entry, not just the first", async () => {
        const file = await exported();
        file.reviews[0].rating = "great";
        file.reviews[0].durationMs = -1;
        file.cardStates[0].reps = -3;
        const res = await importing(file);
        expectError(res, 400);
        const fields = res.body.details.map((d: Json) => d.field);
        expect(fields).toEqual(
          expect.arrayContaining(["reviews.0.rating", "reviews.0.durationMs", "cardStates.0"]),
        );
      });
    });

    describe("bodies", () => {
      it("answers invalid UTF-8 and lone surrogates with 400, never 5xx", async () => {
        const json = JSON.stringify(review("list-vs-tuple"));
        const bytes = new Uint8Array([
          ...new TextEncoder().encode(json.slice(0, -1)),
          0xc3,
          0x28,
          0x7d,
        ]);
        const res = await fetch(`${server.url}/api/reviews`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: bytes,
        });
        expect(res.status).toBe(400);
        expect((await res.json()).details[0]).toMatchObject({ field: "body" });
        const key = await api.put("/api/settings", { topics: ["types\udfff"] });
        expectError(key, 400, "topics.0");
      });
    });

    describe("headers", () => {
      it("sends a CSP without inline scripts, and the isolation headers, on every answer", async () => {
        for (const [method, path] of [
          ["GET", "/healthz"],
          ["GET", "/api/topics"],
          ["GET", "/api/nope"],
          ["POST", "/api/reviews"],
          ["GET", "/api/questions?limit=0"],
          ["GET", "/missing.js"],
        ] as const) {
          const res = await api.request(method, path, method === "POST" ? { json: {} } : {});
          const csp = res.headers.get("content-security-policy") ?? "";
          expect(csp, path).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
          expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
          expect(csp).toMatch(/object-src 'none'/);
          expect(csp).toMatch(/frame-ancestors 'none'/);
          expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
          expect(res.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
          expect(res.headers.get("x-content-type-options")).toBe("nosniff");
          expect(res.headers.get("referrer-policy")).toBe("same-origin");
        }
      });
    });
  });
}

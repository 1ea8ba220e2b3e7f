import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRoutes, fillPath, type Route } from "./support/routes.ts";
import {
  DATABASE_URL,
  dataPlace,
  HOSTED_ENV,
  type ServerProcess,
  signUpUsers,
  spawnServer,
} from "./support/servers.ts";
import { FULL, FUZZ_RUNS, recordFigures, reliability } from "./support/settings.ts";

/** Server memory may grow by this much over a whole fuzz run (bodies reach 2 MB). */
const MAX_GROWTH_BYTES = 300 * 1024 * 1024;

const BAD_DATES = [
  "0000-01-01T00:00:00Z",
  "1969-12-31T23:59:59Z",
  "+275760-09-13T00:00:00.000Z",
  "2024-02-30T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "",
  "yesterday",
  "2024-01-01",
];

const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Bodies a hostile or broken client sends, as bytes. */
const hostileBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.jsonValue().map(text),
  fc.anything().map((v) => {
    try {
      return text(v);
    } catch {
      return text(String(v));
    }
  }),
  fc
    .constantFrom(1_000, 60_000)
    .map((n) => new TextEncoder().encode(`${"[".repeat(n)}${"]".repeat(n)}`)),
  fc
    .constantFrom(1_000, 60_000)
    .map((n) => new TextEncoder().encode(`{"grade":${'{"a":'.repeat(n)}1${"}".repeat(n)}}`)),
  fc.constant(new TextEncoder().encode(JSON.stringify({ cardId: "x".repeat(2_000_000) }))),
  fc.constant(
    new TextEncoder().encode(
      '{"__proto__":{"polluted":true,"isAdmin":true},"constructor":{"prototype":{"polluted":1}},"theme":"dark"}',
    ),
  ),
  fc.uint8Array({ maxLength: 512 }),
  fc.constant(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])),
  fc.constant(new TextEncoder().encode('{"cardId":"list-vs-tuple\\ud800","rating":3}')),
  fc
    .record({
      cardId: fc.constantFrom("list-vs-tuple", "frozen-records/drill-1", "nope", ""),
      rating: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.string(), fc.constant(null)),
      idempotencyKey: fc.oneof(fc.uuid(), fc.string()),
      reviewedAt: fc.constantFrom(...BAD_DATES),
      durationMs: fc.oneof(fc.integer(), fc.double(), fc.string()),
      grade: fc.anything(),
    })
    .map(text),
  fc
    .record({
      dailyNewLimit: fc.oneof(fc.integer(), fc.double(), fc.string()),
      desiredRetention: fc.double(),
      levels: fc.array(fc.string()),
      topics: fc.array(fc.string(), { maxLength: 300 }),
      theme: fc.string(),
    })
    .map(text),
  fc
    .record({
      format: fc.constantFrom("pyprep-progress", "anki"),
      version: fc.oneof(fc.integer(), fc.string()),
      exportedAt: fc.constantFrom(...BAD_DATES),
      reviews: fc.array(
        fc.record({ idempotencyKey: fc.string(), reviewedAt: fc.constantFrom(...BAD_DATES) }),
        { maxLength: 3 },
      ),
    })
    .map(text),
  fc
    .record({
      email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 400 })),
      password: fc.string({ maxLength: 300 }),
      name: fc.string({ maxLength: 200 }),
    })
    .map(text),
);

/** Mostly declared as JSON, so bodies reach validation; sometimes not. */
const asJson = fc.constantFrom(true, true, true, true, false);

const paramValue = fc.constantFrom(
  "list-vs-tuple",
  "list-vs-tuple/drill-1",
  "list-vs-tuple%2Fexercise-1",
  randomUUID(),
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "%ZZ",
  "x".repeat(5_000),
  "__proto__",
);
const query = fc.oneof(
  fc.constant(""),
  fc.constantFrom(
    "?level=guru",
    "?limit=-1",
    "?tzOffset=1e309",
    "?status=new&status=due",
    "?__proto__[x]=1",
    "?q=%ff%fe",
    "?colour=red",
  ),
  fc
    .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 })
    .map((d) => `?${new URLSearchParams(d)}`),
);

/**
 * Fuzz: fast-check sends hostile bodies, paths and query strings to every route the app
 * registers, in local mode (SQLite) and hosted mode (PostgreSQL when available): never a
 * 5xx, the server stays ready, and its memory stays bounded.
 */
reliability("fuzz", () => {
  describe.each([
    ["local", "sqlite"],
    ["hosted", DATABASE_URL ? "postgres" : "sqlite"],
  ] as const)("%s mode, %s", (mode, db) => {
    let place: Awaited<ReturnType<typeof dataPlace>>;
    let server: ServerProcess;
    let routes: Route[];
    let cookie = "";
    let baseline = 0;
    const statuses: Record<string, number> = {};
    const failures: string[] = [];

    beforeAll(async () => {
      routes = await appRoutes(mode, mode === "hosted" ? { authRateLimit: "100000/60" } : {});
      place = await dataPlace(db);
      server = await spawnServer({ ...place.env, ...(mode === "hosted" ? HOSTED_ENV : {}) });
      if (mode === "hosted") cookie = (await signUpUsers(server, 1))[0]?.cookie ?? "";
      baseline = server.memory().rssBytes;
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await place?.dispose();
    });

    const send = async (route: Route, path: string, body: Uint8Array, json: boolean) => {
      const hasBody = route.method !== "GET";
      const res = await fetch(`${server.url}${path}`, {
        method: route.method,
        headers: {
          origin: server.url,
          ...(cookie ? { cookie } : {}),
          ...(hasBody ? { "content-type": json ? "application/json" : "text/plain" } : {}),
        },
        body: hasBody ? (body as BodyInit) : null,
        signal: AbortSignal.timeout(60_000),
      });
      const answer = await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500)
        failures.push(`${route.method} ${path} -> ${res.status} ${answer.slice(0, 300)}`);
      if (answer.includes('"polluted"')) failures.push(`${route.method} ${path} echoed __proto__`);
      return res.status;
    };

    it("no route answers 5xx to anything, and memory stays bounded", async () => {
      expect(routes.length).toBeGreaterThan(10);
      for (const route of routes) {
        try {
          await fc.assert(
            fc.asyncProperty(
              paramValue,
              query,
              hostileBody,
              asJson,
              async (param, q, body, json) => {
                const path = fillPath(route.path, () => param, "sign-in/email") + q;
                const status = await send(route, path, body, json);
                return status < 500;
              },
            ),
            { numRuns: FUZZ_RUNS },
          );
        } catch (error) {
          throw new Error(`${route.method} ${route.path}: ${failures.slice(0, 5).join("\n")}`, {
            cause: error,
          });
        }
        // Signed out by a fuzzed sign-out? Sign in again so the next route is reached.
        if (mode === "hosted") {
          const config = await fetch(`${server.url}/api/config`, { headers: { cookie } });
          if (((await config.json()) as { user: unknown }).user === null) {
            cookie = (await signUpUsers(server, 1))[0]?.cookie ?? "";
          }
        }
      }
      expect(failures).toEqual([]);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const growth = server.memory().peakBytes - baseline;
      expect(growth, `peak grew by ${Math.round(growth / 1e6)} MB`).toBeLessThan(MAX_GROWTH_BYTES);
      recordFigures(`fuzz-${mode}`, {
        routes: routes.length,
        runsPerRoute: FUZZ_RUNS,
        requests: Object.values(statuses).reduce((a, b) => a + b, 0),
        byStatus: statuses,
        serverErrors: failures.length,
        peakGrowthMb: Math.round(growth / 1024 / 1024),
        full: FULL,
      });
    });
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  DATABASE_URL,
  type Json,
  startTestServer,
  type TestServer,
} from "../server/harness.ts";
import { fillPath, type Route } from "./support/routes.ts";
import { reliability } from "./support/settings.ts";

/**
 * The only routes a signed-out client may read: the service probes and the bank, which
 * holds no user's data. Everything else the app registers, including any route added
 * later, must refuse a stranger; a new public route is added here on purpose, or fails.
 */
const PUBLIC = new Set([
  "GET /healthz",
  "GET /readyz",
  "GET /api/config",
  "GET /api/topics",
  "GET /api/questions",
  "GET /api/questions/:id",
  "GET /api/export/anki",
]);
/** better-auth's own endpoints: sign-in is public by nature; their answers are checked too. */
const AUTH_TAILS: Record<string, string[]> = {
  GET: ["get-session", "list-sessions"],
  POST: ["verify-password", "update-user"],
};
const A_CARD = "list-vs-tuple/drill-1";

interface Account {
  api: Client;
  id: string;
  email: string;
}

async function signUp(server: TestServer, who: string): Promise<Account> {
  const api = new Client(server.url);
  const email = `${who}-${randomUUID().slice(0, 8)}@example.com`;
  expect((await api.signUp(email)).status).toBe(200);
  return { api, email, id: (await api.get("/api/config")).body.user.id };
}

interface Violation {
  who: "signed out" | "another user";
  route: string;
  path: string;
  status: number;
  why: string;
}

/**
 * Walks `routes` as a signed-out client and as B holding A's ids. Signed out, a route not
 * in PUBLIC must answer 401, 403 or 404; B may see B's own data, but never one of A's
 * markers (bar those B sent itself), and a route addressing one of A's things by id must
 * answer B exactly as for an id that does not exist: a 4xx that tells nothing.
 */
export async function walk(
  server: TestServer,
  routes: readonly Route[],
  b: Account,
  markers: readonly string[],
  ids: Record<string, string>,
  body: (route: Route) => unknown,
  publicRoutes: ReadonlySet<string> = PUBLIC,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const stranger = new Client(server.url);
  /** Markers the clients themselves sent: an answer may echo those without leaking. */
  const sent = new Set<string>();
  const leaks = (text: string) => markers.filter((m) => !sent.has(m) && text.includes(m));
  const add = (v: Violation) => violations.push(v);
  for (const route of routes) {
    const name = `${route.method} ${route.path}`;
    if (!route.path.startsWith("/api/") && !publicRoutes.has(name)) continue; // the web app's files
    const tails = route.path.endsWith("/*") ? (AUTH_TAILS[route.method] ?? []) : ["ok"];
    const byId = /:(?!cardId)[A-Za-z]+/.test(route.path);
    for (const tail of tails) {
      const at = (values: Record<string, string>) =>
        fillPath(route.path, (param) => encodeURIComponent(values[param] ?? values.id ?? ""), tail);
      const path = at(ids);
      const json = route.method === "GET" ? undefined : body(route);
      const options = json === undefined ? {} : { json };
      for (const m of markers)
        if (path.includes(m) || JSON.stringify(json ?? "").includes(m)) sent.add(m);

      const out = await stranger.request(route.method, path, options);
      const isPublic = publicRoutes.has(name) || route.path.startsWith("/api/auth/");
      if (!isPublic && ![401, 403, 404].includes(out.status)) {
        add({ who: "signed out", route: name, path, status: out.status, why: "not refused" });
      }
      if (leaks(out.text).length > 0) {
        add({
          who: "signed out",
          route: name,
          path,
          status: out.status,
          why: `shows ${leaks(out.text)}`,
        });
      }

      const asB = await b.api.request(route.method, path, options);
      if (leaks(asB.text).length > 0) {
        add({
          who: "another user",
          route: name,
          path,
          status: asB.status,
          why: `shows ${leaks(asB.text)}`,
        });
      }
      if (asB.status >= 500) {
        add({ who: "another user", route: name, path, status: asB.status, why: "5xx" });
      }
      if (byId && !isPublic) {
        // A's record must be as invisible to B as a record that does not exist.
        const none = await b.api.request(route.method, at({ id: randomUUID() }), options);
        if (asB.status !== none.status || asB.status < 400) {
          add({
            who: "another user",
            route: name,
            path,
            status: asB.status,
            why: `answers ${asB.status} for A's record, ${none.status} for none`,
          });
        }
      }
      // Some routes end B's sessions (sign out everywhere): B signs in again to go on.
      if ((await b.api.get("/api/config")).body.user === null) await b.api.signIn(b.email);
    }
  }
  return violations;
}

/**
 * Isolation: every route the app registers (read from the app, not listed by hand),
 * walked signed out and as another user holding the first user's ids.
 */
reliability("isolation", () => {
  describe.each([
    ["sqlite", true],
    ["postgres", Boolean(DATABASE_URL)],
  ] as const)("hosted mode, %s", (db, available) => {
    let server: TestServer;
    let a: Account;
    let b: Account;
    const markers: string[] = [];
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      if (!available) return;
      server = await startTestServer({ db, mode: "hosted", flags: { authRateLimit: "100000/60" } });
      a = await signUp(server, "alice");
      b = await signUp(server, "bob");
      const key = randomUUID();
      const reviewed = await a.api.post("/api/reviews", {
        cardId: A_CARD,
        rating: 4,
        idempotencyKey: key,
        durationMs: 7_777,
      });
      expect(reviewed.status).toBe(200);
      expect((await a.api.put("/api/settings", { dailyNewLimit: 7, theme: "dark" })).status).toBe(
        200,
      );
      const mock = await a.api.post("/api/mocks", { questions: 1 });
      expect(mock.status, mock.text).toBe(201);
      ids.id = mock.body.id;
      ids.cardId = A_CARD;
      markers.push(a.id, a.email, key, mock.body.id);
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    const body = (route: Route): Json => {
      if (route.path === "/api/reviews") {
        return { cardId: A_CARD, rating: 1, idempotencyKey: markers[2], durationMs: 1_000 };
      }
      if (route.path.endsWith("/answers"))
        return { questionId: "list-vs-tuple", kind: "concept", text: "x" };
      if (route.path === "/api/account") return { password: "not the password" };
      if (route.path.startsWith("/api/auth/")) return { password: "not the password", name: "Bob" };
      return {};
    };

    it.runIf(available)("no route shows one user's data to another or to a stranger", async () => {
      const routes = server.routes.filter(
        (r) => ["GET", "POST", "PUT", "DELETE", "PATCH"].includes(r.method) && r.path !== "/api/*",
      );
      expect(routes.length).toBeGreaterThan(15);
      const violations = await walk(server, routes, b, markers, ids, body);
      expect(violations).toEqual([]);
      // A's data is intact after B's attempts, and A still sees it.
      const card = await a.api.get(`/api/cards/${A_CARD}`);
      expect(card.body.card.state.reps).toBe(1);
      expect((await a.api.get(`/api/mocks/${ids.id}`)).status).toBe(200);
    });

    it.runIf(available)("would catch a route that forgot the check", async () => {
      // A public read, not listed as public, stands in for a new route without requireUser.
      const route = { method: "GET", path: "/api/topics" };
      const violations = await walk(server, [route], b, markers, ids, body, new Set());
      expect(violations.map((v) => v.why)).toContain("not refused");
    });
  });
});

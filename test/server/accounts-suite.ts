import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryPostgres, querySqlite } from "../support/databases.ts";
import {
  Client,
  type DbKind,
  type Json,
  review,
  startTestServer,
  type TestServer,
} from "./harness.ts";

/** Raw SQL against the server's database, to see what really is (or is not) stored. */
async function query(server: TestServer, text: string, params: unknown[] = []): Promise<Json[]> {
  return server.databaseUrl
    ? queryPostgres(server.databaseUrl, text, params)
    : querySqlite(server.sqlitePath, text, params);
}

const email = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.com`;

async function signedUp(
  server: TestServer,
  who: string,
): Promise<{ api: Client; id: string; email: string }> {
  const api = new Client(server.url);
  const address = email(who);
  const res = await api.signUp(address);
  expect(res.status).toBe(200);
  const config = await api.get("/api/config");
  return { api, id: config.body.user.id, email: address };
}

/** Hosted mode: accounts, sessions, CSRF, rate limits, isolation and deletion. */
export function accountsSuite(db: DbKind): void {
  describe(`accounts, hosted mode, ${db}`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({ db, mode: "hosted", flags: { authRateLimit: "1000/60" } });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("signs up with an HttpOnly SameSite=Lax session cookie and an argon2id hash", async () => {
      const api = new Client(server.url);
      const address = email("ada");
      const res = await api.signUp(address);
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token"));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const config = await api.get("/api/config");
      expect(config.body).toMatchObject({ mode: "hosted", user: { email: address } });
      const [row] = await query(
        server,
        'SELECT a.password FROM auth_account a JOIN auth_user u ON u.id = a."userId" WHERE u.email = ?',
        [address],
      );
      expect(row.password).toMatch(/^\$argon2id\$/);
      // The PyPrep profile exists as soon as the account does.
      const users = await query(server, "SELECT id FROM users WHERE id = ?", [config.body.user.id]);
      expect(users).toHaveLength(1);
    });

    it("keeps the bank public but everything else behind sign-in", async () => {
      const anon = new Client(server.url);
      expect((await anon.get("/api/config")).body.user).toBeNull();
      expect((await anon.get("/api/topics")).status).toBe(200);
      const list = await anon.get("/api/questions");
      expect(list.status).toBe(200);
      expect(list.body.items[0].status).toBeUndefined();
      expect((await anon.get("/api/questions/list-vs-tuple")).status).toBe(200);
      const closed: Array<[string, string, unknown?]> = [
        ["GET", "/api/questions?status=new"],
        ["GET", "/api/session"],
        ["GET", "/api/cards/list-vs-tuple"],
        ["POST", "/api/reviews", review("list-vs-tuple")],
        ["GET", "/api/stats"],
        ["GET", "/api/settings"],
        ["PUT", "/api/settings", { theme: "dark" }],
        ["GET", "/api/progress/export"],
        ["POST", "/api/progress/import", {}],
        ["POST", "/api/account/sign-out-everywhere", {}],
        ["DELETE", "/api/account", { password: "whatever1" }],
      ];
      for (const [method, path, json] of closed) {
        const res = await anon.request(method, path, json === undefined ? {} : { json });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body.error).toEqual(expect.any(String));
      }
    });

    it("answers an unknown email and a wrong password the same way", async () => {
      const { email: known } = await signedUp(server, "grace");
      const wrong = await new Client(server.url).signIn(known, "not the password");
      const unknown = await new Client(server.url).signIn(email("nobody"), "not the password");
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body.error).toEqual(expect.any(String));
      const right = await new Client(server.url).signIn(known);
      expect(right.status).toBe(200);
    });

    it("refuses cross-origin state changes (CSRF) but not reads", async () => {
      const { api } = await signedUp(server, "mallory-target");
      api.origin = "https://evil.example";
      expect((await api.post("/api/reviews", review("list-vs-tuple"))).status).toBe(403);
      expect((await api.put("/api/settings", { theme: "dark" })).status).toBe(403);
      expect((await api.get("/api/settings")).status).toBe(200);
      api.origin = null;
      expect((await api.post("/api/reviews", review("list-vs-tuple"))).status).toBe(403);
      api.origin = server.url;
      expect((await api.post("/api/reviews", review("list-vs-tuple"))).status).toBe(200);
      expect((await api.get("/api/settings")).body.theme).toBe("system");
    });

    it("isolates users on every endpoint that takes an id or writes", async () => {
      const a = await signedUp(server, "alice");
      const b = await signedUp(server, "bob");
      const aReview = review("list-vs-tuple/drill-1", 4);
      expect((await a.api.post("/api/reviews", aReview)).status).toBe(200);
      expect((await a.api.put("/api/settings", { theme: "dark", dailyNewLimit: 5 })).status).toBe(
        200,
      );

      // B cannot see A's card state, by either form of the card id.
      expect((await b.api.get("/api/cards/list-vs-tuple/drill-1")).body.card.state).toBeNull();
      expect((await b.api.get("/api/cards/list-vs-tuple%2Fdrill-1")).body.card.state).toBeNull();
      // B replaying A's idempotency key records B's own review and does not see A's.
      const replay = await b.api.post("/api/reviews", { ...aReview, rating: 1 });
      expect(replay.body.duplicate).toBe(false);
      expect(replay.body.card.state.lapses).toBe(0);
      const aCard = (await a.api.get("/api/cards/list-vs-tuple/drill-1")).body.card;
      expect(aCard.state.reps).toBe(1);
      expect((await a.api.get("/api/stats")).body.totals.reviews).toBe(1);
      // Sessions, stats, settings and status filters are each user's own.
      expect((await b.api.get("/api/settings")).body).toMatchObject({
        theme: "system",
        dailyNewLimit: 20,
      });
      expect((await b.api.get("/api/stats")).body.totals.reviews).toBe(1);
      const aSession = (await a.api.get("/api/session")).body;
      const bSession = (await b.api.get("/api/session")).body;
      expect(aSession.counts.newLimit).toBe(5);
      expect(bSession.counts.newLimit).toBe(20);
      // Export holds only the caller's rows; importing A's file into B changes only B.
      const aExport = (await a.api.get("/api/progress/export")).body;
      const bExport = (await b.api.get("/api/progress/export")).body;
      expect(aExport.userId).toBe(a.id);
      expect(bExport.userId).toBe(b.id);
      expect(bExport.reviews.map((r: Json) => r.rating)).toEqual(["again"]);
      const imported = await b.api.post("/api/progress/import", aExport);
      expect(imported.status).toBe(200);
      expect((await a.api.get("/api/stats")).body.totals.reviews).toBe(1);
      expect((await a.api.get("/api/progress/export")).body.reviews).toHaveLength(1);
      // An id in the URL or body that is not the caller's never reaches another user:
      // there is no endpoint that takes a user id at all.
      const rows = await query(
        server,
        "SELECT user_id, count(*) AS n FROM reviews GROUP BY user_id",
      );
      const byUser = new Map(rows.map((r) => [r.user_id, Number(r.n)]));
      expect(byUser.get(a.id)).toBe(1);
    });

    it("makes a session cookie useless after sign-out", async () => {
      const { api } = await signedUp(server, "carol");
      const stolen = new Client(server.url);
      stolen.cookies = new Map(api.cookies);
      expect((await stolen.get("/api/session")).status).toBe(200);
      const out = await api.post("/api/auth/sign-out", {});
      expect(out.status).toBe(200);
      expect((await stolen.get("/api/session")).status).toBe(401);
      expect((await stolen.post("/api/reviews", review("list-vs-tuple"))).status).toBe(401);
      expect((await stolen.get("/api/config")).body.user).toBeNull();
      const session = await stolen.get("/api/auth/get-session");
      expect(session.body).toBeNull();
    });

    it("signs out everywhere", async () => {
      const { api, email: address } = await signedUp(server, "dave");
      const laptop = new Client(server.url);
      expect((await laptop.signIn(address)).status).toBe(200);
      expect((await laptop.get("/api/session")).status).toBe(200);
      expect((await api.post("/api/account/sign-out-everywhere", {})).body).toEqual({ ok: true });
      expect((await laptop.get("/api/session")).status).toBe(401);
      expect((await api.get("/api/session")).status).toBe(401);
    });

    it("deletes an account with all its data, only with the password", async () => {
      const { api, id, email: address } = await signedUp(server, "erin");
      await api.post("/api/reviews", review("list-vs-tuple"));
      await api.put("/api/settings", { theme: "light" });
      expect((await api.del("/api/account", { password: "wrong password" })).status).toBe(403);
      expect((await api.del("/api/account", {})).status).toBe(400);
      expect((await api.get("/api/session")).status).toBe(200);

      const res = await api.del("/api/account", { password: "correct horse battery" });
      expect(res.body).toEqual({ ok: true });
      expect((await api.get("/api/session")).status).toBe(401);
      expect((await new Client(server.url).signIn(address)).status).toBe(401);
      for (const table of ["reviews", "card_states", "settings"]) {
        expect(await query(server, `SELECT * FROM ${table} WHERE user_id = ?`, [id])).toEqual([]);
      }
      expect(await query(server, "SELECT * FROM users WHERE id = ?", [id])).toEqual([]);
      expect(await query(server, "SELECT * FROM auth_user WHERE id = ?", [id])).toEqual([]);
      expect(await query(server, 'SELECT * FROM auth_session WHERE "userId" = ?', [id])).toEqual(
        [],
      );
      expect(await query(server, 'SELECT * FROM auth_account WHERE "userId" = ?', [id])).toEqual(
        [],
      );
    });

    it("answers a sign-up with a taken email exactly as one with a new email", async () => {
      const address = email("taken");
      const first = new Client(server.url);
      const created = await first.signUp(address);
      const again = new Client(server.url);
      const taken = await again.signUp(address, "another password entirely");
      expect(taken.status).toBe(created.status);
      expect(Object.keys(taken.body).sort()).toEqual(Object.keys(created.body).sort());
      expect(Object.keys(taken.body.user).sort()).toEqual(Object.keys(created.body.user).sort());
      expect(taken.text).not.toMatch(/exist|already|USER_/i);
      // The owner is signed in; the second caller is not, and learned nothing from the body.
      expect((await first.get("/api/config")).body.user.email).toBe(address);
      expect((await again.get("/api/config")).body.user).toBeNull();
      expect((await new Client(server.url).signIn(address)).status).toBe(200);
    });

    it("never puts a session token in a JSON body", async () => {
      const { api, email: address } = await signedUp(server, "tokens");
      const token = decodeURIComponent(
        [...api.cookies].find(([name]) => name.includes("session_token"))?.[1] ?? "",
      ).split(".")[0];
      expect(token?.length).toBeGreaterThan(10);
      const signIn = await new Client(server.url).signIn(address);
      const answers = [
        signIn,
        await api.get("/api/auth/get-session"),
        await api.get("/api/auth/list-sessions"),
        await api.post("/api/auth/update-user", { name: "Tokens" }),
      ];
      for (const res of answers) {
        expect(res.status).toBe(200);
        expect(res.text).not.toContain(token);
        expect(res.text).not.toMatch(/"token"/);
      }
      expect(answers[2]?.body.length).toBe(2);
    });

    it("bounds display names, at sign-up and on update", async () => {
      const api = new Client(server.url);
      const long = await api.post("/api/auth/sign-up/email", {
        email: email("longname"),
        password: "correct horse battery",
        name: "n".repeat(900_000),
      });
      expect(long.status).toBe(400);
      expect(long.body.details).toEqual([{ field: "name", reason: expect.any(String) }]);
      const { api: user } = await signedUp(server, "renamer");
      const rename = await user.post("/api/auth/update-user", { name: "x".repeat(101) });
      expect(rename.status).toBe(400);
      expect(rename.body.details[0].field).toBe("name");
      expect((await user.post("/api/auth/update-user", { name: "x".repeat(100) })).status).toBe(
        200,
      );
      expect((await user.get("/api/config")).body.user.name).toHaveLength(100);
    });

    it("exposes only the better-auth endpoints PyPrep uses", async () => {
      const { api } = await signedUp(server, "surface");
      for (const path of [
        "/api/auth/delete-user",
        "/api/auth/change-email",
        "/api/auth/sign-in/social",
      ]) {
        const res = await api.post(path, {});
        expect(res.status, path).toBe(404);
      }
      expect((await api.get("/api/session")).status).toBe(200);
    });

    it("validates sign-up input", async () => {
      const api = new Client(server.url);
      const short = await api.signUp(email("frank"), "short");
      expect(short.status).toBe(400);
      expect(short.body.error).toEqual(expect.any(String));
      const bad = await api.post("/api/auth/sign-up/email", {
        email: "not-an-email",
        password: "long enough pw",
      });
      expect(bad.status).toBe(400);
    });
  });

  describe(`sign-in rate limit, hosted mode, ${db}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({
        db,
        mode: "hosted",
        flags: { authRateLimit: "3/60", trustProxy: true },
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    const from = (ip: string) => ({ "x-forwarded-for": ip });
    const signUpFrom = async (ip: string, who: string) => {
      const api = new Client(server.url);
      const address = email(who);
      const res = await api.request("POST", "/api/auth/sign-up/email", {
        json: { email: address, password: "correct horse battery", name: who },
        headers: from(ip),
      });
      expect(res.status).toBe(200);
      return { api, address };
    };

    it("limits sign-in per address and account, with Retry-After, but a stranger cannot lock the owner out", async () => {
      const { address: victim } = await signUpFrom("10.9.0.1", "victim");
      const attempt = (ip: string, who = victim, password = "guess guess") =>
        new Client(server.url).request("POST", "/api/auth/sign-in/email", {
          json: { email: who, password },
          headers: from(ip),
        });
      for (let i = 1; i <= 3; i++) expect((await attempt("10.0.0.1")).status).toBe(401);
      const limited = await attempt("10.0.0.1");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.body.error).toEqual(expect.any(String));
      // The owner, elsewhere, still gets in: the stranger used only their own share.
      expect((await attempt("10.0.0.2", victim, "correct horse battery")).status).toBe(200);
      // One address trying many accounts is limited too (three times the setting).
      for (let i = 0; i < 9; i++) await attempt("10.0.2.1", email(`spray${i}`));
      expect((await attempt("10.0.2.1", email("spray-last"))).status).toBe(429);
      // The server keeps serving everything else.
      expect((await new Client(server.url).get("/api/topics")).status).toBe(200);
    });

    it("limits password re-entry: account deletion, verify-password, change-password", async () => {
      const tries: [string, (api: Client, ip: string) => Promise<{ status: number }>][] = [
        [
          "DELETE /api/account",
          (api, ip) =>
            api.request("DELETE", "/api/account", {
              json: { password: "not it at all" },
              headers: from(ip),
            }),
        ],
        [
          "POST /api/auth/verify-password",
          (api, ip) =>
            api.request("POST", "/api/auth/verify-password", {
              json: { password: "not it at all" },
              headers: from(ip),
            }),
        ],
        [
          "POST /api/auth/change-password",
          (api, ip) =>
            api.request("POST", "/api/auth/change-password", {
              json: { currentPassword: "not it at all", newPassword: "a new password 123" },
              headers: from(ip),
            }),
        ],
      ];
      let n = 0;
      for (const [name, attempt] of tries) {
        const ip = `10.1.${++n}.1`;
        const { api } = await signUpFrom(ip, `reentry${n}`);
        for (let i = 0; i < 3; i++) {
          const wrong = await attempt(api, ip);
          expect(wrong.status, name).toBeGreaterThanOrEqual(400);
          expect(wrong.status, name).not.toBe(429);
        }
        const limited = await attempt(api, ip);
        expect(limited.status, name).toBe(429);
        // Still limited from another address: the counter is the account's.
        expect((await attempt(api, `10.2.${n}.1`)).status, name).toBe(429);
      }
    });
  });
}

import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AUTH_SECRET,
  Client,
  DATABASE_URL,
  fixtureBank,
  freshPostgresSchema,
  review,
} from "./harness.ts";
import { type ServerProcess, spawnServer } from "./spawn-server.ts";

/**
 * Sessions and attempt counters live in the database, so any instance behind a load
 * balancer accepts a session another instance created, a sign-out on one is seen by
 * all, and a rate limit holds across them. Skipped (visibly) without DATABASE_URL.
 */
const suite = DATABASE_URL ? describe : describe.skip;

/** How many empty schemas two instances race to migrate: the race lost 2 runs in 3. */
const COLD_STARTS = 3;

suite("two server processes on one PostgreSQL database", () => {
  const schemas: Awaited<ReturnType<typeof freshPostgresSchema>>[] = [];
  const servers: ServerProcess[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let bankDir: string;

  const pair = async () => {
    const schema = await freshPostgresSchema();
    schemas.push(schema);
    const env = {
      PYPREP_MODE: "hosted",
      DATABASE_URL: schema.url,
      PYPREP_AUTH_SECRET: AUTH_SECRET,
      PYPREP_CONTENT_DIR: bankDir,
      PYPREP_AUTH_RATE_LIMIT: "2/60",
      PYPREP_LOG_LEVEL: "warn",
    };
    // Started together, as a deployment would: both migrate the same empty schema.
    const started = await Promise.allSettled([spawnServer(env), spawnServer(env)]);
    for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
    for (const s of started) if (s.status === "rejected") throw s.reason;
    return started.map((s) => (s as PromiseFulfilledResult<ServerProcess>).value);
  };

  beforeAll(async () => {
    bankDir = fixtureBank();
    [a, b] = (await pair()) as [ServerProcess, ServerProcess];
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(schemas.map((s) => s.drop()));
    if (bankDir) rmSync(bankDir, { recursive: true, force: true });
  });

  it("both migrate an empty schema, every time (auth tables under the same lock)", async () => {
    for (let i = 1; i < COLD_STARTS; i++) {
      const [x, y] = (await pair()) as [ServerProcess, ServerProcess];
      expect((await new Client(x.url).get("/readyz")).status).toBe(200);
      expect((await new Client(y.url).get("/readyz")).status).toBe(200);
      expect(x.output() + y.output()).not.toMatch(/already exists|migration failed/);
      await Promise.all([x.stop(), y.stop()]);
    }
  });

  it("accepts on B a session created on A, and ends it everywhere on sign-out", async () => {
    expect(a.url).not.toBe(b.url);
    const onA = new Client(a.url);
    expect((await onA.signUp("twin@example.com")).status).toBe(200);
    const me = (await onA.get("/api/config")).body.user;

    const onB = new Client(b.url);
    onB.cookies = new Map(onA.cookies);
    expect((await onB.get("/api/config")).body.user).toEqual(me);
    const reviewed = await onB.post("/api/reviews", review("list-vs-tuple"));
    expect(reviewed.status).toBe(200);
    expect((await onA.get("/api/cards/list-vs-tuple")).body.card.state.reps).toBe(1);

    expect((await onB.post("/api/auth/sign-out", {})).status).toBe(200);
    expect((await onA.get("/api/session")).status).toBe(401);
  });

  it("counts sign-in attempts across instances: the limit is one limit", async () => {
    const guess = (server: ServerProcess) =>
      new Client(server.url).signIn("twin@example.com", "not the password");
    expect((await guess(a)).status).toBe(401);
    expect((await guess(b)).status).toBe(401);
    expect((await guess(a)).status).toBe(429);
    expect((await guess(b)).status).toBe(429);
  });
});

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
 * Sessions live in the database, so any instance behind a load balancer accepts a
 * session another instance created, and a sign-out on one is seen by all. Skipped
 * (visibly) without DATABASE_URL.
 */
const suite = DATABASE_URL ? describe : describe.skip;

suite("two server processes on one PostgreSQL database", () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let bankDir: string;

  beforeAll(async () => {
    schema = await freshPostgresSchema();
    bankDir = fixtureBank();
    const env = {
      PYPREP_MODE: "hosted",
      DATABASE_URL: schema.url,
      PYPREP_AUTH_SECRET: AUTH_SECRET,
      PYPREP_CONTENT_DIR: bankDir,
    };
    // Started together, as a deployment would: both migrate the same empty schema.
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await schema?.drop();
    if (bankDir) rmSync(bankDir, { recursive: true, force: true });
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
});

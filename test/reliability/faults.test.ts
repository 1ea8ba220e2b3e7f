import { randomUUID } from "node:crypto";
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureBank } from "../server/harness.ts";
import { type LoadFigures, studyLoad, summary } from "./support/load.ts";
import { type Cluster, type SmallDisk, smallDisk, throwawayCluster } from "./support/machine.ts";
import { CARD_IDS, localUsers, type ServerProcess, spawnServer } from "./support/servers.ts";
import { FULL, recordFigures, reliability } from "./support/settings.ts";
import { audit } from "./support/verify.ts";

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(check: () => Promise<boolean>, ms: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await sleep(200);
  }
  return null;
}

const post = (server: ServerProcess, cardId: string, idempotencyKey = randomUUID()) =>
  fetch(`${server.url}/api/reviews`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cardId, rating: 3, idempotencyKey, durationMs: 5_000 }),
  }).then(async (res) => ({
    status: res.status,
    key: idempotencyKey,
    body: (await res.json()) as { error?: string },
  }));

const ready = (server: ServerProcess) =>
  fetch(`${server.url}/readyz`).then(async (res) => ({
    status: res.status,
    body: (await res.json()) as { ok: boolean; error?: string },
  }));

/** Fills the filesystem holding `dir` with one file, to the last byte. */
function fill(file: string): void {
  const fd = openSync(file, "w");
  const block = Buffer.alloc(64 * 1024);
  try {
    for (let size = block.length; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          writeSync(fd, block, 0, size);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Faults an operator meets: the disk fills up, the database file is read-only,
 * PostgreSQL restarts under load. Each is a clear answer (503 naming the trouble, or a
 * one-line refusal to start naming the file), readiness that says so, and recovery
 * without a restart once the fault is gone; nothing acknowledged is lost.
 */
reliability("faults", () => {
  const bank = fixtureBank();
  afterAll(() => rmSync(bank, { recursive: true, force: true }));

  describe("a full disk", () => {
    // Mounted in the hook, never at collection: a filtered run must not leave a mount.
    let disk: SmallDisk | { unavailable: string } = { unavailable: "not mounted" };
    let server: ServerProcess | undefined;
    beforeAll(() => {
      disk = smallDisk(24);
    });
    afterAll(async () => {
      await server?.stop();
      if (!("unavailable" in disk)) disk.release();
    });

    it("answers 503 saying so, /readyz notices, and it recovers without a restart", async (context) => {
      if ("unavailable" in disk) return context.skip(`needs a tmpfs: ${disk.unavailable}`);
      const { dir } = disk;
      const sqlitePath = path.join(dir, "pyprep.sqlite");
      server = await spawnServer({
        PYPREP_DB: sqlitePath,
        PYPREP_CONTENT_DIR: bank,
        PYPREP_LOG_LEVEL: "warn",
      });
      const acknowledged = new Set<string>();
      const review = async () => {
        const res = await post(server as ServerProcess, "list-vs-tuple");
        if (res.status === 200) acknowledged.add(res.key);
        return res;
      };
      expect((await review()).status).toBe(200);
      expect((await ready(server)).status).toBe(200);

      const filler = path.join(dir, "filler");
      fill(filler);
      const notReady = await ready(server);
      expect(notReady.status).toBe(503);
      expect(notReady.body.error).toMatch(/full/);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await review();
        statuses.push(res.status);
        if (res.status === 503) expect(res.body.error).toMatch(/disk is full/);
      }
      expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
      expect(statuses).toContain(503);
      // Reading still works while writing cannot.
      expect((await fetch(`${server.url}/api/session`)).status).toBe(200);

      rmSync(filler);
      const recoveredAfterMs = await until(
        async () => (await ready(server as ServerProcess)).status === 200,
        20_000,
      );
      expect(recoveredAfterMs).not.toBeNull();
      const after = await review();
      expect(after.status).toBe(200);
      await server.stop();
      server = undefined;
      const figures = {
        acknowledged: new Map(
          [...acknowledged].map((key) => [
            `local ${key}`,
            { userId: "local", key, cardId: "list-vs-tuple" },
          ]),
        ),
        resentAsNew: 0,
      };
      const result = await audit({ sqlitePath }, figures as unknown as LoadFigures);
      expect(result.lost).toBe(0);
      expect(result.integrity).toBe("ok");
      expect(result.inconsistent).toBe(0);
      recordFigures("disk-full", {
        writesRefused: statuses.filter((s) => s === 503).length,
        serverErrors: statuses.filter((s) => s >= 500 && s !== 503).length,
        readyAgainAfterMs: recoveredAfterMs,
        acknowledged: acknowledged.size,
        lost: result.lost,
        full: FULL,
      });
    });
  });

  describe("a read-only database", () => {
    let disk: SmallDisk | { unavailable: string } = { unavailable: "not mounted" };
    beforeAll(() => {
      disk = smallDisk(16);
    });
    afterAll(() => {
      if (!("unavailable" in disk)) disk.release();
    });

    it("refuses to start with one line naming the file", async (context) => {
      if ("unavailable" in disk) return context.skip(`needs a tmpfs: ${disk.unavailable}`);
      const ro = disk;
      const { dir } = ro;
      const sqlitePath = path.join(dir, "pyprep.sqlite");
      const first = await spawnServer({
        PYPREP_DB: sqlitePath,
        PYPREP_CONTENT_DIR: bank,
        PYPREP_LOG_LEVEL: "warn",
      });
      expect((await post(first, "frozen-records")).status).toBe(200);
      await first.stop();
      ro.setReadOnly(true);
      try {
        const failure = await spawnServer({
          PYPREP_DB: sqlitePath,
          PYPREP_CONTENT_DIR: bank,
          PYPREP_LOG_LEVEL: "warn",
        }).then(
          async (server) => {
            await server.stop();
            return "started";
          },
          (error: Error) => error.message,
        );
        expect(failure).toMatch(/exited with 2/);
        expect(failure).toContain(sqlitePath);
        expect(failure).toMatch(/read-only/);
        const line = failure.split("\n").find((l) => l.startsWith("pyprep: "));
        expect(line).toBeDefined();
        expect(failure).not.toMatch(/^\s+at /m);
      } finally {
        ro.setReadOnly(false);
      }
    });
  });

  describe("PostgreSQL restarted under load", () => {
    let cluster: Cluster | { unavailable: string };
    let server: ServerProcess | undefined;
    beforeAll(async () => {
      cluster = await throwawayCluster();
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      if (cluster && !("unavailable" in cluster)) cluster.release();
    });

    it("reconnects and carries on; nothing acknowledged is lost", async (context) => {
      if ("unavailable" in cluster) return context.skip(cluster.unavailable);
      const pg = cluster;
      server = await spawnServer({
        DATABASE_URL: pg.url,
        PYPREP_CONTENT_DIR: bank,
        PYPREP_LOG_LEVEL: "warn",
      });
      const live = server;
      let done = false;
      const load = studyLoad({
        url: () => live.url,
        users: localUsers(30),
        cardIds: CARD_IDS,
        stop: () => done,
        thinkMs: [0, 100],
      });
      await sleep(1_500);
      const restartMs = await pg.restart();
      await sleep(2_500);
      done = true;
      const figures = await load;
      const readyAfterMs = await until(
        () =>
          ready(live).then(
            (r) => r.status === 200,
            () => false,
          ),
        20_000,
      );
      expect(live.child.exitCode, live.output()).toBeNull();
      const result = await audit({ databaseUrl: pg.url }, figures);
      const seen = summary(figures);
      const message = JSON.stringify({ ...seen, ...result, restartMs });
      expect(readyAfterMs, message).not.toBeNull();
      expect(seen.internalErrors, message).toBe(0);
      expect(seen.unexpected, message).toBe(0);
      expect(seen.givenUp, message).toBe(0);
      expect(result.lost, message).toBe(0);
      expect(result.duplicated, message).toBe(0);
      expect(result.inconsistent, message).toBe(0);
      // Reviews kept landing after the restart.
      const afterRestart = await post(live, "nested-freezing");
      expect(afterRestart.status).toBe(200);
      recordFigures("postgres-restart", {
        users: 30,
        requests: seen.requests,
        serverErrors: seen.internalErrors,
        unavailableDuringRestart: seen.unavailable,
        acknowledged: result.acknowledged,
        lost: result.lost,
        duplicated: result.duplicated,
        restartMs,
        longestOutageSeenByClientsMs: seen.longestOutageMs,
        full: FULL,
      });
    });
  });
});

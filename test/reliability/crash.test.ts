import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../server/spawn-server.ts";
import { type LoadFigures, studyLoad, summary } from "./support/load.ts";
import {
  CARD_IDS,
  DATABASE_URL,
  dataPlace,
  localUsers,
  type ServerProcess,
  spawnServer,
} from "./support/servers.ts";
import { CRASH_CYCLES, FULL, recordFigures, reliability } from "./support/settings.ts";
import { type Audit, audit } from "./support/verify.ts";

const USERS = 50;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Crash: the server is SIGKILLed mid-load CRASH_CYCLES times and restarted on the same
 * database and port while the clients keep retrying. Afterwards every acknowledged
 * review is there once, the card states agree with the log, and SQLite's
 * integrity_check says ok (PostgreSQL: the same consistency queries).
 */
reliability("crash", () => {
  describe.each([
    ["sqlite", true],
    ["postgres", Boolean(DATABASE_URL)],
  ] as const)("%s", (db, available) => {
    let place: Awaited<ReturnType<typeof dataPlace>>;
    let server: ServerProcess | undefined;
    let figures: LoadFigures;
    let result: Audit;
    const recoveryMs: number[] = [];

    beforeAll(async () => {
      if (!available) return;
      place = await dataPlace(db);
      const port = await freePort();
      server = await spawnServer(place.env, [], { port });
      const url = server.url;
      let done = false;
      const load = studyLoad({
        url: () => url,
        users: localUsers(USERS),
        cardIds: CARD_IDS,
        stop: () => done,
        thinkMs: [0, 100],
      });
      for (let cycle = 0; cycle < CRASH_CYCLES; cycle++) {
        await sleep(1_000 + Math.random() * 1_500);
        await server.kill();
        server = undefined;
        const restarted = Date.now();
        server = await spawnServer(place.env, [], { port });
        recoveryMs.push(Date.now() - restarted);
      }
      await sleep(1_000);
      done = true;
      figures = await load;
      await server.stop();
      server = undefined;
      result = await audit(place.at, figures);
    }, 600_000);
    afterAll(async () => {
      await server?.stop();
      await place?.dispose();
    });

    it.runIf(available)(`${CRASH_CYCLES} kill -9 cycles lose no acknowledged review`, () => {
      const seen = summary(figures);
      const message = JSON.stringify({ ...seen, ...result, recoveryMs });
      expect(result.acknowledged, message).toBeGreaterThan(0);
      expect(seen.networkErrors, message).toBeGreaterThan(0); // the kills were felt
      expect(seen.internalErrors, message).toBe(0);
      expect(seen.unexpected, message).toBe(0);
      expect(seen.givenUp, message).toBe(0);
      expect(result.lost, message).toBe(0);
      expect(result.duplicated, message).toBe(0);
      expect(result.inconsistent, message).toBe(0);
      if (db === "sqlite") expect(result.integrity, message).toBe("ok");
      recordFigures(`crash-${db}`, {
        users: USERS,
        cycles: CRASH_CYCLES,
        requests: seen.requests,
        serverErrors: seen.internalErrors,
        unavailableDuringRestart: seen.unavailable,
        acknowledged: result.acknowledged,
        lost: result.lost,
        duplicated: result.duplicated,
        recoveryMs,
        longestOutageSeenByClientsMs: seen.longestOutageMs,
        integrity: result.integrity,
        full: FULL,
      });
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadFigures, studyLoad, summary } from "./support/load.ts";
import {
  CARD_IDS,
  DATABASE_URL,
  dataPlace,
  HOSTED_ENV,
  type ServerProcess,
  signUpUsers,
  spawnServer,
} from "./support/servers.ts";
import { FULL, recordFigures, reliability, SOAK_SECONDS, SOAK_USERS } from "./support/settings.ts";
import { type Audit, audit } from "./support/verify.ts";

/**
 * Soak: SOAK_USERS accounts study at once against one hosted server on loopback for
 * SOAK_SECONDS (60 in the full run): no 5xx, every acknowledged review in the database
 * exactly once, no resend counted twice, every card state in step with its reviews.
 */
reliability("soak", () => {
  describe.each([
    ["sqlite", true],
    ["postgres", Boolean(DATABASE_URL)],
  ] as const)("%s", (db, available) => {
    let place: Awaited<ReturnType<typeof dataPlace>>;
    let server: ServerProcess;
    let figures: LoadFigures;
    let result: Audit;
    let rssMb = 0;

    beforeAll(async () => {
      if (!available) return;
      place = await dataPlace(db);
      server = await spawnServer({ ...place.env, ...HOSTED_ENV });
      const users = await signUpUsers(server, SOAK_USERS);
      const until = Date.now() + SOAK_SECONDS * 1000;
      figures = await studyLoad({
        url: () => server.url,
        origin: server.url,
        users,
        cardIds: CARD_IDS,
        stop: () => Date.now() > until,
        thinkMs: [0, 300],
      });
      rssMb = Math.round(server.memory().peakBytes / 1024 / 1024);
      result = await audit(place.at, figures);
    }, 600_000);
    afterAll(async () => {
      await server?.stop();
      await place?.dispose();
    });

    it.runIf(available)(
      `${SOAK_USERS} users for ${SOAK_SECONDS} s: no 5xx, nothing lost or doubled`,
      () => {
        const seen = summary(figures);
        const message = JSON.stringify({ ...seen, ...result });
        // Every user got at least one review through (no timing is asserted: load varies).
        const studied = new Set([...figures.acknowledged.values()].map((a) => a.userId));
        expect(studied.size, message).toBe(SOAK_USERS);
        expect(seen.internalErrors + seen.unavailable, message).toBe(0);
        expect(seen.networkErrors, message).toBe(0);
        expect(seen.unexpected, message).toBe(0);
        expect(seen.givenUp, message).toBe(0);
        expect(result.lost, message).toBe(0);
        expect(result.duplicated, message).toBe(0);
        expect(result.inconsistent, message).toBe(0);
        expect(result.rows, message).toBe(result.acknowledged);
        if (db === "sqlite") expect(result.integrity).toBe("ok");
        recordFigures(`soak-${db}`, {
          users: SOAK_USERS,
          seconds: SOAK_SECONDS,
          requests: seen.requests,
          requestsPerSecond: Math.round(seen.requests / SOAK_SECONDS),
          serverErrors: seen.internalErrors + seen.unavailable,
          acknowledged: result.acknowledged,
          lost: result.lost,
          duplicated: result.duplicated,
          resends: seen.resends,
          peakRssMb: rssMb,
          full: FULL,
        });
      },
    );
  });
});

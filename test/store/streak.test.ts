import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentStreak } from "../../src/server/streak.ts";
import { type Connection, connect } from "../../src/store/connect.ts";
import { MAX_STREAK_DAYS, reviewStreak } from "../../src/store/reviews.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { DAY_MS, MINUTE_MS } from "../../src/study/time.ts";
import { postgresTargets, sqliteTargets, type Target, type TargetFactory } from "./targets.ts";

const TODAY = 20_000; // a local day number (2024-10-04)
const RUNS = 25;

/** The one-query streak against the day-by-day walk it replaced, on generated histories. */
function streakSuite(factory: TargetFactory): void {
  let target: Target;
  let store: Store;
  let connection: Connection;
  beforeAll(async () => {
    target = await factory.create();
    store = await openStore(target.options);
    connection = connect(target.options);
  });
  afterAll(async () => {
    await connection?.db.destroy();
    await store?.close();
    await target?.dispose();
  });

  /** A user whose reviews fall on these local days (days before TODAY), at random times. */
  async function userWith(daysAgo: number[], offsetMinutes: number, minuteOfDay: number[]) {
    const userId = `u-${randomUUID()}`;
    await store.ensureUser(userId);
    for (const [i, ago] of daysAgo.entries()) {
      const at =
        (TODAY - ago) * DAY_MS - offsetMinutes * MINUTE_MS + (minuteOfDay[i] ?? 0) * MINUTE_MS;
      await store.recordReview(userId, {
        cardId: `card-${i % 3}`,
        rating: "good",
        reviewedAt: new Date(at),
        durationMs: 1000,
        idempotencyKey: randomUUID(),
      });
    }
    return userId;
  }

  const oneQuery = (userId: string, offset: number) =>
    reviewStreak(connection.db, userId, TODAY, offset);
  const dayByDay = (userId: string, offset: number) =>
    currentStreak(
      store,
      userId,
      new Date(TODAY * DAY_MS - offset * MINUTE_MS + 3 * 3600_000),
      offset,
    );

  it("agrees with the day-by-day walk on generated histories and zones", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 14 }),
        fc.integer({ min: -720, max: 840 }),
        fc.array(fc.integer({ min: 0, max: 1439 }), { minLength: 14, maxLength: 14 }),
        async (daysAgo, offset, minutes) => {
          const userId = await userWith(daysAgo, offset, minutes);
          expect(await oneQuery(userId, offset)).toBe(await dayByDay(userId, offset));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("counts today, or from yesterday when today has no review yet, and stops at a gap", async () => {
    const fromToday = await userWith([0, 1, 2, 4], 60, [10, 20, 30, 40]);
    expect(await oneQuery(fromToday, 60)).toBe(3);
    const fromYesterday = await userWith([1, 2, 3, 4, 6], 0, [0, 1439, 5, 6, 7]);
    expect(await oneQuery(fromYesterday, 0)).toBe(4);
    const none = await userWith([2, 3], -300, [1, 2]);
    expect(await oneQuery(none, -300)).toBe(0);
    expect(await oneQuery("nobody-at-all", 0)).toBe(0);
  });

  it("stops after ten years", () => {
    expect(MAX_STREAK_DAYS).toBe(3650);
  });
}

describe("review streak on SQLite", () => streakSuite(sqliteTargets));
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  describe("review streak on PostgreSQL", () => streakSuite(postgresTargets(databaseUrl)));
} else {
  describe("review streak on PostgreSQL", () => {
    it.skip("needs DATABASE_URL (export DATABASE_URL=$(scripts/start-postgres.sh))", () => {});
  });
}

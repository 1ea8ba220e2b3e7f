import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentStreak } from "../../src/server/streak.ts";
import { StoreInputError } from "../../src/store/errors.ts";
import { MAX_STREAK_DAYS } from "../../src/store/reviews.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { localDayStart, MINUTE_MS } from "../../src/study/time.ts";
import { postgresTargets, sqliteTargets, type Target, type TargetFactory } from "./targets.ts";

const TODAY = 20_000; // a local day number (2024-10-04)
const RUNS = 25;

/** `Store.reviewStreak` (one query) against the day-by-day walk it replaced, and at its edges. */
function streakSuite(factory: TargetFactory): void {
  let target: Target;
  let store: Store;
  beforeAll(async () => {
    target = await factory.create();
    store = await openStore(target.options);
  });
  afterAll(async () => {
    await store?.close();
    await target?.dispose();
  });

  /** A user with one review at each of these instants. */
  async function userAt(instants: number[]) {
    const userId = `u-${randomUUID()}`;
    await store.ensureUser(userId);
    for (const [i, at] of instants.entries()) {
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

  /** A user whose reviews fall on these local days (days before TODAY), at these minutes. */
  const userWith = (daysAgo: number[], offsetMinutes: number, minuteOfDay: number[]) =>
    userAt(
      daysAgo.map(
        (ago, i) =>
          localDayStart(TODAY - ago, offsetMinutes).getTime() + (minuteOfDay[i] ?? 0) * MINUTE_MS,
      ),
    );

  /** Local wall-clock time `minute` on day `TODAY - ago` in the zone `offset` east of UTC. */
  const localAt = (ago: number, minute: number, offset: number) =>
    localDayStart(TODAY - ago, offset).getTime() + minute * MINUTE_MS;

  const streak = (userId: string, offset: number) => store.reviewStreak(userId, TODAY, offset);

  /** The reference: one `listReviews` per local day, walking back from today. */
  async function dayByDay(userId: string, offset: number): Promise<number> {
    const reviewedOn = async (day: number) =>
      (
        await store.listReviews(userId, {
          from: localDayStart(day, offset),
          to: localDayStart(day + 1, offset),
          limit: 1,
        })
      ).length > 0;
    let day = (await reviewedOn(TODAY)) ? TODAY : TODAY - 1;
    let n = 0;
    while (n < MAX_STREAK_DAYS && (await reviewedOn(day))) {
      n++;
      day--;
    }
    return n;
  }

  it("agrees with the day-by-day walk on generated histories and zones", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 14 }),
        fc.integer({ min: -720, max: 840 }),
        fc.array(fc.integer({ min: 0, max: 1439 }), { minLength: 14, maxLength: 14 }),
        async (daysAgo, offset, minutes) => {
          const userId = await userWith(daysAgo, offset, minutes);
          expect(await streak(userId, offset)).toBe(await dayByDay(userId, offset));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("counts today, or from yesterday when today has no review yet, and stops at a gap", async () => {
    const fromToday = await userWith([0, 1, 2, 4], 60, [10, 20, 30, 40]);
    expect(await streak(fromToday, 60)).toBe(3);
    const fromYesterday = await userWith([1, 2, 3, 4, 6], 0, [0, 1439, 5, 6, 7]);
    expect(await streak(fromYesterday, 0)).toBe(4);
    const onlyYesterday = await userWith([1], 330, [720]);
    expect(await streak(onlyYesterday, 330)).toBe(1);
    const none = await userWith([2, 3], -300, [1, 2]);
    expect(await streak(none, -300)).toBe(0);
    expect(await streak("nobody-at-all", 0)).toBe(0);
  });

  it("cuts days at local midnight, not UTC midnight", async () => {
    // 23:59 yesterday and 00:01 today in UTC+2 are both on the same UTC day (TODAY - 1).
    const east = await userAt([localAt(1, 1439, 120), localAt(0, 1, 120)]);
    expect(await streak(east, 120)).toBe(2);
    expect(await streak(east, 0)).toBe(1);
    // 23:59 yesterday and 00:01 today in UTC-5 are both on UTC day TODAY.
    const west = await userAt([localAt(1, 1439, -300), localAt(0, 1, -300)]);
    expect(await streak(west, -300)).toBe(2);
    expect(await streak(west, 0)).toBe(1);
    // The first millisecond of a local day belongs to it, and the last millisecond before
    // yesterday to the day before yesterday: yesterday is a gap, so the streak is today.
    const edges = await userAt([
      localDayStart(TODAY, 90).getTime(),
      localDayStart(TODAY - 1, 90).getTime() - 1,
    ]);
    expect(await streak(edges, 90)).toBe(1);
    expect(await dayByDay(edges, 90)).toBe(1);
  });

  it("answers for one user only", async () => {
    const busy = await userWith([0, 1, 2], 0, [1, 2, 3]);
    const idle = await userAt([]);
    expect(await streak(busy, 0)).toBe(3);
    expect(await streak(idle, 0)).toBe(0);
  });

  it("is what the server's currentStreak reports for the local day of `now`", async () => {
    const offset = 120;
    const userId = await userAt([localAt(1, 1439, offset), localAt(0, 1, offset)]);
    // 00:30 local on TODAY is 22:30 UTC the day before: the local day decides.
    const now = new Date(localAt(0, 30, offset));
    expect(await currentStreak(store, userId, now, offset)).toBe(2);
    expect(await currentStreak(store, userId, now, 0)).toBe(1);
  });

  it("rejects a bad user id, day or offset", async () => {
    await expect(store.reviewStreak("", TODAY, 0)).rejects.toBeInstanceOf(StoreInputError);
    await expect(store.reviewStreak("u", TODAY + 0.5, 0)).rejects.toBeInstanceOf(StoreInputError);
    await expect(store.reviewStreak("u", TODAY, 841)).rejects.toBeInstanceOf(StoreInputError);
    await expect(store.reviewStreak("u", TODAY, 1.5)).rejects.toBeInstanceOf(StoreInputError);
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

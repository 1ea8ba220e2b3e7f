import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { StoreInputError, UnknownUserError } from "../../src/store/errors.ts";
import { migrations } from "../../src/store/migrations.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import type { ProgressExport } from "../../src/store/transfer.ts";
import { parseCardId } from "../../src/study/cards.ts";
import { schedule } from "../../src/study/scheduler.ts";
import { buildSession } from "../../src/study/session.ts";
import { DAY_MS as DAY } from "../../src/study/time.ts";
import { type CardState, RATINGS, type Rating, type StudyCard } from "../../src/study/types.ts";
import { spawnWriter } from "./spawn-writer.ts";
import type { Target, TargetFactory } from "./targets.ts";

const T0 = Date.parse("2025-02-01T08:00:00.123Z");
const MIN = 60_000;
/** Tests that start Node children: on a loaded 2-core machine their start-up alone takes seconds. */
const CHILD_PROCESS_TIMEOUT_MS = 120_000;
const fixedNow = () => new Date("2025-03-01T00:00:00.000Z");

/** The same behaviour, asserted against every dialect. */
export function storeSuite(factory: TargetFactory): void {
  const open: Store[] = [];
  const targets: Target[] = [];

  async function fresh(): Promise<{ target: Target; store: Store }> {
    const target = await factory.create();
    targets.push(target);
    const store = await openStore({ ...target.options, now: fixedNow });
    open.push(store);
    return { target, store };
  }
  async function reopen(target: Target): Promise<Store> {
    const store = await openStore({ ...target.options, now: fixedNow });
    open.push(store);
    return store;
  }

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    for (const target of targets.splice(0)) await target.dispose();
  });

  const review = (cardId: string, rating: Rating, minutes: number, key: string = randomUUID()) => ({
    cardId,
    rating,
    reviewedAt: new Date(T0 + minutes * MIN),
    durationMs: 4200,
    idempotencyKey: key,
  });

  describe("migrations", () => {
    it("build the schema from empty and record themselves once", async () => {
      const { target, store } = await fresh();
      expect(store.dialect).toBe(factory.dialect);
      const tables = await tableNames(target, factory.dialect);
      for (const table of [
        "users",
        "settings",
        "card_states",
        "reviews",
        "mock_results",
        "interviews",
      ]) {
        expect(tables).toContain(table);
      }
      const applied = await target.query("SELECT name FROM kysely_migration ORDER BY name");
      const names = Object.keys(migrations(factory.dialect)).sort();
      expect(names[0]).toBe("0001_initial");
      expect(applied.map((row) => row.name)).toEqual(names);

      await store.ensureUser("u1");
      await store.recordReview("u1", review("q1", "good", 0));
      const again = await reopen(target);
      expect(await again.listReviews("u1")).toHaveLength(1);
      expect(await target.query("SELECT name FROM kysely_migration")).toHaveLength(names.length);
    });

    if (factory.dialect === "sqlite") {
      it("creates the file and its directory, in WAL mode", async () => {
        const { target } = await fresh();
        const path = target.options.sqlitePath ?? "";
        expect(existsSync(path)).toBe(true);
        const [mode] = await target.query("PRAGMA journal_mode");
        expect(mode?.journal_mode).toBe("wal");
      });
    }
  });

  describe("users and settings", () => {
    it("ensureUser is idempotent and getUser finds only real users", async () => {
      const { store } = await fresh();
      const first = await store.ensureUser("alice", { displayName: "Alice" });
      const second = await store.ensureUser("alice", { displayName: "Someone else" });
      expect(second).toEqual(first);
      expect(first).toEqual({ id: "alice", displayName: "Alice", createdAt: fixedNow() });
      expect(await store.getUser("bob")).toBeUndefined();
    });

    it("returns default settings, merges updates, and rejects bad ones by field", async () => {
      const { store } = await fresh();
      await store.ensureUser("u");
      expect(await store.getSettings("u")).toEqual({
        dailyNewLimit: 20,
        desiredRetention: 0.9,
        levels: [],
        topics: [],
        theme: "system",
      });
      await store.updateSettings("u", { dailyNewLimit: 5, levels: ["expert"] });
      const updated = await store.updateSettings("u", { theme: "dark", desiredRetention: 0.85 });
      expect(updated).toEqual({
        dailyNewLimit: 5,
        desiredRetention: 0.85,
        levels: ["expert"],
        topics: [],
        theme: "dark",
      });
      expect(await store.getSettings("u")).toEqual(updated);
      await expect(store.updateSettings("u", { desiredRetention: 2 })).rejects.toMatchObject({
        name: "StoreInputError",
        field: "settings.desiredRetention",
      });
      await expect(store.updateSettings("nobody", { theme: "dark" })).rejects.toBeInstanceOf(
        UnknownUserError,
      );
    });

    it("uses the user's desired retention when scheduling", async () => {
      const { store } = await fresh();
      await store.ensureUser("low");
      await store.ensureUser("high");
      await store.updateSettings("low", { desiredRetention: 0.75 });
      await store.updateSettings("high", { desiredRetention: 0.95 });
      for (const user of ["low", "high"]) {
        for (const [i, rating] of (["good", "good", "good"] as const).entries()) {
          const state = await store.getCardState(user, "q");
          await store.recordReview(user, {
            ...review("q", rating, 0),
            reviewedAt: state ? state.due : new Date(T0 + i),
          });
        }
      }
      const low = await store.getCardState("low", "q");
      const high = await store.getCardState("high", "q");
      expect(low?.scheduledDays).toBeGreaterThan(high?.scheduledDays ?? Infinity);
    });
  });

  describe("recordReview", () => {
    it("schedules with FSRS and stores exactly what it returns", async () => {
      const { store } = await fresh();
      await store.ensureUser("u");
      const grade = { kind: "drill", correct: true, diff: "  1", nested: { a: [1, 2.5] } };
      const first = await store.recordReview("u", { ...review("q/drill-1", "good", 0), grade });
      expect(first.duplicate).toBe(false);
      const expected = schedule("q/drill-1", undefined, "good", new Date(T0), {
        desiredRetention: 0.9,
      }).state;
      expect(first.state).toEqual(expected);
      expect(await store.getCardState("u", "q/drill-1")).toEqual(expected);

      const second = await store.recordReview("u", review("q/drill-1", "easy", 15));
      expect(second.state.reps).toBe(2);
      expect(second.review.previousStatus).toBe("learning");
      const stored = await store.listReviews("u");
      expect(stored.map((r) => r.rating)).toEqual(["good", "easy"]);
      expect(stored[0]).toEqual(first.review);
      expect(stored[0]?.grade).toEqual(grade);
      expect(stored[0]?.reviewedAt.getTime()).toBe(T0); // milliseconds survive
      expect(await store.listCardStates("u")).toEqual([second.state]);
    });

    it("refuses bad input and unknown users without writing anything", async () => {
      const { store } = await fresh();
      await store.ensureUser("u");
      const bad = [
        [{ ...review("q", "good", 0), rating: "meh" as Rating }, "rating"],
        [{ ...review("q", "good", 0), idempotencyKey: "" }, "idempotencyKey"],
        [{ ...review("q", "good", 0), reviewedAt: new Date(Number.NaN) }, "reviewedAt"],
        [{ ...review("q", "good", 0), durationMs: -1 }, "durationMs"],
      ] as const;
      for (const [input, field] of bad) {
        await expect(store.recordReview("u", input)).rejects.toMatchObject({ field });
      }
      await expect(store.recordReview("ghost", review("q", "good", 0))).rejects.toBeInstanceOf(
        UnknownUserError,
      );
      expect(await store.listReviews("u")).toEqual([]);
      expect(await store.listCardStates("u")).toEqual([]);
    });

    it("filters reviews by time range and card", async () => {
      const { store } = await fresh();
      await store.ensureUser("u");
      for (const [i, card] of ["a", "b", "a", "b"].entries()) {
        await store.recordReview("u", review(card, "good", i * 60));
      }
      const range = { from: new Date(T0 + 60 * MIN), to: new Date(T0 + 180 * MIN) };
      expect((await store.listReviews("u", range)).map((r) => r.cardId)).toEqual(["b", "a"]);
      expect(await store.listReviews("u", { cardId: "a" })).toHaveLength(2);
      expect(await store.listReviews("u", { limit: 3 })).toHaveLength(3);
    });
  });

  describe("card states: the fast read against the review history", () => {
    // Four cards, ratings, gaps from none to weeks, retries of an earlier key (with another
    // rating), and pairs sent at once through two stores, so both write paths and their
    // races run. The reference knows nothing of the fast paths: it replays the log.
    const step = fc.record({
      card: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 })),
      rating: fc.constantFrom(...RATINGS),
      gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 * DAY })),
      retryOf: fc.option(fc.nat(20), { freq: 4 }),
      // Mostly sent together with the next step: races on one card are the point.
      withNext: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
    });
    const history = fc.record({
      retention: fc.constantFrom(0.8, 0.9, 0.95),
      steps: fc.array(step, { minLength: 1, maxLength: 14 }),
    });

    it(
      "listCardStates and the session equal what replaying the log produces",
      async () => {
        const { store, target } = await fresh();
        const other = await reopen(target);
        const cards = ["q1", "q1/drill-1", "q2", "q2/exercise-1"];
        let run = 0;
        await fc.assert(
          fc.asyncProperty(history, async ({ retention, steps }) => {
            const userId = `gen-${run++}`;
            await store.ensureUser(userId);
            await store.updateSettings(userId, { desiredRetention: retention });
            const sent: { key: string; cardId: string }[] = [];
            let at = T0;
            for (let i = 0; i < steps.length; i++) {
              const batch = [steps[i]];
              while (steps[i]?.withNext && i + 1 < steps.length) batch.push(steps[++i]);
              await Promise.all(
                batch.map((s, j) => {
                  if (!s) return undefined;
                  at += s.gapMs;
                  const earlier =
                    s.retryOf === null ? undefined : sent[s.retryOf % (sent.length || 1)];
                  const key = earlier?.key ?? randomUUID();
                  const cardId = earlier?.cardId ?? (cards[s.card] as string);
                  if (!earlier) sent.push({ key, cardId });
                  return (j % 2 ? other : store).recordReview(userId, {
                    cardId,
                    rating: s.rating,
                    reviewedAt: new Date(at),
                    durationMs: 1000,
                    idempotencyKey: key,
                  });
                }),
              );
            }
            const replayed = await replayLog(target, userId, retention);
            const fast = await store.listCardStates(userId);
            expect(fast).toEqual([...replayed.values()].sort(byCardId));
            for (const state of fast) {
              expect(await other.getCardState(userId, state.cardId)).toEqual(state);
            }
            const bank = cards.map((id) => sessionCard(id));
            const now = new Date(at + DAY);
            const settings = await store.getSettings(userId);
            expect(buildSession({ cards: bank, states: fast, now, settings })).toEqual(
              buildSession({ cards: bank, states: [...replayed.values()], now, settings }),
            );
          }),
          { numRuns: 12 },
        );
      },
      CHILD_PROCESS_TIMEOUT_MS,
    );
  });

  describe("idempotency", () => {
    it("a retry with the same key returns the first result and changes nothing", async () => {
      const { target, store } = await fresh();
      await store.ensureUser("u");
      const first = await store.recordReview("u", review("q", "good", 0, "key-1"));
      const later = await store.recordReview("u", review("q", "good", 30, "key-2"));
      // A late retry of key-1, even with a different rating, answers with key-1's result.
      const retry = await store.recordReview("u", review("q", "again", 60, "key-1"));
      expect(retry.duplicate).toBe(true);
      expect(retry.state).toEqual(first.state);
      expect(retry.review).toEqual(first.review);
      expect(await store.getCardState("u", "q")).toEqual(later.state);
      const [count] = await target.query("SELECT COUNT(*) AS n FROM reviews");
      expect(Number(count?.n)).toBe(2);
    });

    it("concurrent requests with one key record one review", async () => {
      const { store, target } = await fresh();
      const other = await reopen(target);
      await store.ensureUser("u");
      const input = review("q", "good", 0, "same-key");
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).recordReview("u", input)),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      for (const result of results) expect(result.state).toEqual(results[0]?.state);
      expect(await store.listReviews("u")).toHaveLength(1);
      expect((await store.getCardState("u", "q"))?.reps).toBe(1);
    });
  });

  describe("concurrent reviews of one card", () => {
    it("loses no update when two stores race on the same card", async () => {
      const { store, target } = await fresh();
      const other = await reopen(target);
      await store.ensureUser("u");
      const n = 30;
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          (i % 2 ? other : store).recordReview("u", review("q", "good", i)),
        ),
      );
      await expectConsistent(store, "u", { q: n });
    });

    it(
      "loses no update when two processes race on the same card",
      async () => {
        const { store, target } = await fresh();
        await store.ensureUser("u");
        const job = { ...target.options, userId: "u", cardIds: ["q"], count: 25, startMs: T0 };
        const a = spawnWriter({ ...job, keyPrefix: "a" });
        const b = spawnWriter({ ...job, keyPrefix: "b" });
        const [endA, endB] = await Promise.all([a.exited, b.exited]);
        expect(endA).toMatchObject({ code: 0 });
        expect(endB).toMatchObject({ code: 0 });
        expect(a.committed.length + b.committed.length).toBe(50);
        await expectConsistent(store, "u", { q: 50 });
      },
      CHILD_PROCESS_TIMEOUT_MS,
    );
  });

  describe("crash safety", () => {
    it(
      "keeps every review a SIGKILLed writer reported as committed",
      async () => {
        const { store, target } = await fresh();
        await store.ensureUser("u");
        const writer = spawnWriter({
          ...target.options,
          userId: "u",
          cardIds: ["q1", "q2", "q3"],
          count: 1_000_000,
          keyPrefix: "crash",
          startMs: T0,
        });
        await writer.committedAtLeast(100);
        writer.child.kill("SIGKILL");
        const end = await writer.exited;
        expect(end.signal).toBe("SIGKILL");
        const acknowledged = [...writer.committed];
        expect(acknowledged.length).toBeGreaterThanOrEqual(100);

        const after = await reopen(target);
        const keys = new Set((await after.listReviews("u")).map((r) => r.idempotencyKey));
        const lost = acknowledged.filter((key) => !keys.has(key));
        expect(lost).toEqual([]);
        // Review and state move together: every card's reps equal its reviews, even the
        // one that was mid-transaction when the process died.
        const reviews = await after.listReviews("u");
        const perCard: Record<string, number> = {};
        for (const r of reviews) perCard[r.cardId] = (perCard[r.cardId] ?? 0) + 1;
        await expectConsistent(after, "u", perCard);
      },
      CHILD_PROCESS_TIMEOUT_MS,
    );
  });

  describe("export and import", () => {
    async function seed(store: Store, userId: string) {
      await store.ensureUser(userId);
      await store.updateSettings(userId, { dailyNewLimit: 7, topics: ["data"], theme: "light" });
      const ratings: Rating[] = ["good", "good", "again", "hard", "easy", "good"];
      for (const [i, rating] of ratings.entries()) {
        await store.recordReview(userId, {
          ...review(i % 2 ? "q1" : "q2/drill-1", rating, i * 7 + 0.5),
          grade: i === 1 ? { correct: false, diff: "- 1\n+ 2" } : null,
        });
      }
      await store.saveMockResult(userId, {
        key: "mock-1",
        takenAt: new Date(T0 + 5 * MIN),
        durationMs: 1_800_000,
        score: 0.625,
        levels: ["fresher", "intermediate"],
        topics: ["data"],
        details: { questions: [{ id: "q1", score: 1 }] },
      });
      // One open interview, moved once (version 2); one closed with an outcome (version 2).
      const interviews = store.interviews;
      const at = (minutes: number) => new Date(T0 + minutes * MIN);
      await interviews.create(
        userId,
        "i-open",
        { date: "2025-03-20", minutesPerDay: 30, levels: ["fresher"], topics: ["data"] },
        at(1),
      );
      await interviews.update(
        userId,
        "i-open",
        { timeZone: "Europe/Berlin", minutesByWeekday: [0, 30, 30, 30, 30, 30, 60] },
        at(2),
      );
      await interviews.create(userId, "i-closed", { date: "2025-02-10", minutesPerDay: 20 }, at(3));
      await interviews.close(
        userId,
        "i-closed",
        { outcome: "next-round", notes: "asked about the GIL" },
        at(4),
      );
    }
    /** An interview as the file carries it: its fields, dates as ISO strings, and its version. */
    const asFile = (interview: unknown, version: number) => ({
      ...JSON.parse(JSON.stringify(interview)),
      version,
    });
    const comparable = (data: ProgressExport) => ({ ...data, userId: "-", exportedAt: "-" });

    it("round-trips losslessly into another user, and a second import changes nothing", async () => {
      const { store, target } = await fresh();
      await seed(store, "alice");
      const exported = await store.exportProgress("alice");
      expect(exported).toMatchObject({ format: "pyprep-progress", version: 1, userId: "alice" });
      expect(exported.reviews).toHaveLength(6);
      expect(exported.cardStates).toHaveLength(2);
      // Every field of every interview, status, outcome, notes and history included.
      expect(exported.interviews).toEqual([
        asFile(await store.interviews.get("alice", "i-closed"), 2),
        asFile(await store.interviews.get("alice", "i-open"), 2),
      ]);
      expect(exported.interviews[0]).toMatchObject({
        status: "closed",
        outcome: "next-round",
        notes: "asked about the GIL",
        closedAt: new Date(T0 + 4 * MIN).toISOString(),
      });
      expect(exported.interviews[1]?.history.map((e) => e.change)).toEqual(["created", "updated"]);

      // Through real JSON text, as a file would carry it.
      const file = JSON.parse(JSON.stringify(exported));
      await store.ensureUser("bob");
      const summary = await store.importProgress("bob", file);
      expect(summary).toEqual({
        reviewsAdded: 6,
        reviewsAlreadyPresent: 0,
        cardStatesWritten: 2,
        cardStatesKept: 0,
        mockResultsAdded: 1,
        interviewsAdded: 2,
        interviewsUpdated: 0,
        interviewsKept: 0,
      });
      expect(await store.interviews.list("bob")).toEqual(await store.interviews.list("alice"));
      const bobExport = await store.exportProgress("bob");
      expect(comparable(bobExport)).toEqual(comparable(exported));
      expect(await store.listCardStates("bob")).toEqual(await store.listCardStates("alice"));

      const snapshot = await rawRows(target, "bob");
      const again = await store.importProgress("bob", file);
      expect(again).toEqual({
        reviewsAdded: 0,
        reviewsAlreadyPresent: 6,
        cardStatesWritten: 0,
        cardStatesKept: 2,
        mockResultsAdded: 0,
        interviewsAdded: 0,
        interviewsUpdated: 0,
        interviewsKept: 2,
      });
      expect(await rawRows(target, "bob")).toEqual(snapshot);

      // And the imported history keeps working: the next review continues from it.
      const next = await store.recordReview("bob", review("q1", "good", 10_000));
      expect(next.state.reps).toBe(4);
      // And so do the interviews: bob's next change is the third write of his copy.
      const moved = await store.interviews.update(
        "bob",
        "i-open",
        { minutesPerDay: 45 },
        new Date(T0 + 30 * MIN),
      );
      expect(moved?.history.map((e) => e.change)).toEqual(["created", "updated", "updated"]);
      expect((await store.exportProgress("bob")).interviews[1]?.version).toBe(3);
    });

    it("merges interviews by id: a higher version replaces the stored one, others are kept", async () => {
      const { store, target } = await fresh();
      await seed(store, "alice");
      await store.ensureUser("bob");
      const old = JSON.parse(JSON.stringify(await store.exportProgress("alice")));
      await store.importProgress("bob", old);

      // Alice moves her interview (its third write) and sets up another one.
      await store.interviews.update(
        "alice",
        "i-open",
        { date: "2025-03-27" },
        new Date(T0 + 10 * MIN),
      );
      await store.interviews.create(
        "alice",
        "i-new",
        { date: "2025-04-01", minutesPerDay: 15 },
        new Date(T0 + 11 * MIN),
      );
      const newer = JSON.parse(JSON.stringify(await store.exportProgress("alice")));
      expect(await store.importProgress("bob", newer)).toMatchObject({
        interviewsAdded: 1,
        interviewsUpdated: 1,
        interviewsKept: 1,
      });
      expect(await store.interviews.list("bob")).toEqual(await store.interviews.list("alice"));

      // The older file again: bob's copies are further along, nothing changes.
      const snapshot = await rawRows(target, "bob");
      expect(await store.importProgress("bob", old)).toMatchObject({
        interviewsAdded: 0,
        interviewsUpdated: 0,
        interviewsKept: 2,
      });
      expect(await rawRows(target, "bob")).toEqual(snapshot);
      expect((await store.interviews.get("bob", "i-open"))?.date).toBe("2025-03-27");
    });

    it("imports a version 1 file written before interviews were exported", async () => {
      const { store } = await fresh();
      await seed(store, "alice");
      await store.ensureUser("bob");
      const { interviews: _none, ...older } = JSON.parse(
        JSON.stringify(await store.exportProgress("alice")),
      );
      expect(older).not.toHaveProperty("interviews");
      expect(await store.importProgress("bob", older)).toMatchObject({
        reviewsAdded: 6,
        mockResultsAdded: 1,
        interviewsAdded: 0,
        interviewsUpdated: 0,
        interviewsKept: 0,
      });
      expect(await store.listReviews("bob")).toHaveLength(6);
      expect(await store.interviews.list("bob")).toEqual([]);
      expect((await store.exportProgress("bob")).interviews).toEqual([]);
    });

    it("holds imported interviews to the open-interview limit, writing nothing", async () => {
      const { store } = await fresh();
      await seed(store, "alice");
      await store.ensureUser("bob");
      for (let i = 0; i < 20; i++) {
        await store.interviews.create(
          "bob",
          `bob-${i}`,
          { date: "2025-04-01", minutesPerDay: 10 },
          new Date(T0),
        );
      }
      const file = JSON.parse(JSON.stringify(await store.exportProgress("alice")));
      const attempt = store.importProgress("bob", file);
      await expect(attempt).rejects.toMatchObject({
        name: "ProgressFileError",
        field: "interviews",
      });
      expect(await store.interviews.list("bob")).toHaveLength(20);
      expect(await store.listReviews("bob")).toEqual([]);
      // Its closed interview alone is fine.
      file.interviews = file.interviews.filter((i: { status: string }) => i.status === "closed");
      expect((await store.importProgress("bob", file)).interviewsAdded).toBe(1);
    });

    it("merges: keeps newer local progress, adds missing history", async () => {
      const { store } = await fresh();
      await seed(store, "alice");
      const old = await store.exportProgress("alice");
      const newer = await store.recordReview("alice", review("q1", "good", 20_000));
      const summary = await store.importProgress("alice", old);
      expect(summary.cardStatesWritten).toBe(0);
      expect(summary.reviewsAdded).toBe(0);
      expect(await store.getCardState("alice", "q1")).toEqual(newer.state);
    });

    it("rejects a malformed or newer file before changing anything", async () => {
      const { store } = await fresh();
      await seed(store, "alice");
      await store.ensureUser("bob");
      const good = JSON.parse(JSON.stringify(await store.exportProgress("alice")));
      const [closed, open] = good.interviews;
      const cases: [unknown, string][] = [
        [{ ...good, version: 2 }, "version"],
        [{ ...good, format: "anki" }, "format"],
        [{ ...good, reviews: [{ ...good.reviews[0], rating: "meh" }] }, "reviews.0.rating"],
        [{ ...good, cardStates: [{ ...good.cardStates[0], difficulty: 42 }] }, "cardStates.0"],
        ["not json at all", "file"],
        [{ ...good, interviews: {} }, "interviews"],
        [{ ...good, interviews: [{ ...closed, minutesPerDay: 0 }] }, "interviews.0.minutesPerDay"],
        [{ ...good, interviews: [closed, { ...open, date: "2025-02-30" }] }, "interviews.1.date"],
        [{ ...good, interviews: [{ ...open, timeZone: "Mars/Base" }] }, "interviews.0.timeZone"],
        [{ ...good, interviews: [{ ...open, status: "paused" }] }, "interviews.0.status"],
        [{ ...good, interviews: [{ ...open, outcome: "offer" }] }, "interviews.0.outcome"],
        [{ ...good, interviews: [{ ...closed, outcome: null }] }, "interviews.0.outcome"],
        [{ ...good, interviews: [{ ...closed, closedAt: null }] }, "interviews.0.closedAt"],
        [{ ...good, interviews: [{ ...open, version: 0 }] }, "interviews.0.version"],
        [{ ...good, interviews: [{ ...open, notes: "x".repeat(2001) }] }, "interviews.0.notes"],
        [
          { ...good, interviews: [{ ...open, history: [{ at: "yesterday", change: "created" }] }] },
          "interviews.0.history.0.at",
        ],
        [
          { ...good, interviews: [{ ...open, createdAt: "2031-01-01T00:00:00.000Z" }] },
          "interviews.0.createdAt",
        ],
      ];
      for (const [file, field] of cases) {
        const attempt = store.importProgress("bob", file);
        await expect(attempt).rejects.toBeInstanceOf(StoreInputError);
        await expect(attempt).rejects.toMatchObject({ field });
      }
      expect(await store.listReviews("bob")).toEqual([]);
      expect(await store.interviews.list("bob")).toEqual([]);
      expect((await store.getSettings("bob")).dailyNewLimit).toBe(20);
    });
  });

  describe("mock results", () => {
    it("saves once per key and lists oldest first", async () => {
      const { store } = await fresh();
      await store.ensureUser("u");
      const result = {
        key: "m2",
        takenAt: new Date(T0 + 2 * MIN),
        durationMs: 60_000,
        score: 0.5,
        levels: ["expert" as const],
        topics: [],
        details: { note: "x" },
      };
      expect((await store.saveMockResult("u", result)).duplicate).toBe(false);
      expect((await store.saveMockResult("u", { ...result, score: 1 })).result.score).toBe(0.5);
      await store.saveMockResult("u", { ...result, key: "m1", takenAt: new Date(T0) });
      expect((await store.listMockResults("u")).map((r) => r.key)).toEqual(["m1", "m2"]);
      await expect(store.saveMockResult("ghost", result)).rejects.toBeInstanceOf(UnknownUserError);
    });
  });

  describe("user isolation", () => {
    it("one user's calls never read or change another's rows", async () => {
      const { store, target } = await fresh();
      await store.ensureUser("a");
      await store.ensureUser("b");
      // Same card ids and the same idempotency keys: still two separate histories.
      const bFirst = await store.recordReview("b", review("q", "easy", 0, "k1"));
      const aFirst = await store.recordReview("a", review("q", "again", 0, "k1"));
      expect(aFirst.duplicate).toBe(false);
      expect(aFirst.state).not.toEqual(bFirst.state);
      await store.updateSettings("a", { dailyNewLimit: 1 });
      await store.saveMockResult("a", {
        key: "m",
        takenAt: new Date(T0),
        durationMs: 1,
        score: 0,
        levels: [],
        topics: [],
        details: {},
      });
      // The same interview id for both: still two interviews.
      for (const user of ["a", "b"]) {
        await store.interviews.create(
          user,
          "i1",
          { date: "2025-03-10", minutesPerDay: 20 },
          new Date(T0),
        );
      }
      await store.interviews.close("a", "i1", { outcome: "offer" }, new Date(T0 + MIN));
      const bBefore = await rawRows(target, "b");

      expect(await store.listReviews("b")).toEqual([bFirst.review]);
      expect(await store.listCardStates("b")).toEqual([bFirst.state]);
      expect((await store.getSettings("b")).dailyNewLimit).toBe(20);
      expect(await store.listMockResults("b")).toEqual([]);
      expect((await store.interviews.get("b", "i1"))?.status).toBe("open");

      const aExport = await store.exportProgress("a");
      await store.importProgress("a", aExport);
      expect(await store.deleteUser("a")).toBe(true);
      expect(await store.deleteUser("a")).toBe(false);
      expect(await store.getUser("a")).toBeUndefined();
      expect(await rawRows(target, "a")).toEqual(emptyRows);
      expect(await rawRows(target, "b")).toEqual(bBefore);
    });
  });
}

const emptyRows = {
  users: [],
  settings: [],
  card_states: [],
  reviews: [],
  mock_results: [],
  interviews: [],
};

/**
 * Every row a user owns, straight from the tables, auto-increment ids left out (they are
 * only insertion order); an interview's id is its key and stays.
 */
async function rawRows(target: Target, userId: string) {
  const select = async (table: string, column: string, order: string) =>
    (
      await target.query(`SELECT * FROM ${table} WHERE ${column} = ? ORDER BY ${order}`, [userId])
    ).map(({ id, ...rest }) => normalizeRow(table === "interviews" ? { id, ...rest } : rest));
  return {
    users: await select("users", "id", "id"),
    settings: await select("settings", "user_id", "user_id"),
    card_states: await select("card_states", "user_id", "card_id"),
    reviews: await select("reviews", "user_id", "idempotency_key"),
    mock_results: await select("mock_results", "user_id", "result_key"),
    interviews: await select("interviews", "user_id", "id"),
  };
}

function normalizeRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v,
    ]),
  );
}

/**
 * Card states agree with the review log: reps equal the number of reviews, and the
 * stored state is the last review's result, which only holds if no update was lost.
 */
async function expectConsistent(store: Store, userId: string, counts: Record<string, number>) {
  const reviews = await store.listReviews(userId);
  expect(reviews).toHaveLength(Object.values(counts).reduce((a, b) => a + b, 0));
  for (const [cardId, n] of Object.entries(counts)) {
    const state = await store.getCardState(userId, cardId);
    expect(state?.reps).toBe(n);
    // Reviews were applied in commit order, each on top of the one before.
    const chain = reviews
      .filter((r) => r.cardId === cardId)
      .map((r) => r.stateAfter.reps)
      .sort((a, b) => a - b);
    expect(chain).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const last = reviews.filter((r) => r.cardId === cardId).find((r) => r.stateAfter.reps === n);
    expect(state).toEqual(last?.stateAfter as CardState);
  }
}

async function tableNames(target: Target, dialect: string): Promise<string[]> {
  const rows =
    dialect === "sqlite"
      ? await target.query("SELECT name FROM sqlite_master WHERE type = 'table'")
      : await target.query(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
        );
  return rows.map((row) => String(row.name));
}

/**
 * Card states from the review log alone, in the order the reviews were recorded, each
 * through the scheduler from scratch: what the stored states must always equal.
 */
async function replayLog(
  target: Target,
  userId: string,
  desiredRetention: number,
): Promise<Map<string, CardState>> {
  const rows = await target.query(
    "SELECT card_id, rating, reviewed_at FROM reviews WHERE user_id = ? ORDER BY id",
    [userId],
  );
  const states = new Map<string, CardState>();
  for (const row of rows) {
    const cardId = String(row.card_id);
    const at = new Date(Number(row.reviewed_at));
    const result = schedule(cardId, states.get(cardId), row.rating as Rating, at, {
      desiredRetention,
    });
    states.set(cardId, result.state);
  }
  return states;
}

const byCardId = (a: CardState, b: CardState) =>
  a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0;

function sessionCard(id: string): StudyCard {
  const { questionId, key } = parseCardId(id);
  const kind = key?.startsWith("drill") ? "drill" : key ? "exercise" : "concept";
  return {
    id,
    questionId,
    kind,
    ...(key ? { key } : {}),
    level: "fresher",
    topics: ["data"],
    difficulty: 1,
    title: id,
  };
}

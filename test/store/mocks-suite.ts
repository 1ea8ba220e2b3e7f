import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { StoreInputError, UnknownUserError } from "../../src/store/errors.ts";
import { initial } from "../../src/store/migrations/0001-initial.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { scoreMock } from "../../src/study/mock/scoring.ts";
import type { MockAnswer, MockRecord, PlanItem } from "../../src/study/mock/types.ts";
import type { Target, TargetFactory } from "./targets.ts";

const T0 = new Date("2025-02-01T08:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const ITEMS: PlanItem[] = [
  {
    questionId: "q1",
    cardId: "q1",
    kind: "concept",
    level: "fresher",
    topics: ["data"],
    difficulty: 1,
    minutes: 5,
    title: "What is q1?",
  },
  {
    questionId: "q2",
    cardId: "q2/drill-1",
    kind: "drill",
    key: "drill-1",
    level: "intermediate",
    topics: ["types"],
    difficulty: 2,
    minutes: 3,
    title: "What is q2?",
  },
  {
    questionId: "q3",
    cardId: "q3/exercise-1",
    kind: "exercise",
    key: "exercise-1",
    level: "expert",
    topics: ["data"],
    difficulty: 3,
    minutes: 7,
    title: "What is q3?",
  },
];

function newMock(id: string = randomUUID()): MockRecord {
  return {
    id,
    status: "active",
    setup: {
      levels: ["fresher", "intermediate"],
      topics: ["data"],
      budget: { kind: "minutes", minutes: 15 },
      includeExercises: true,
      preferWeakTopics: false,
      seed: 99,
    },
    plan: { seed: 99, items: ITEMS, totalMinutes: 15, timeLimitMinutes: 15 },
    startedAt: T0,
    pausedAt: null,
    pausedMs: 0,
    answers: [],
    finishedAt: null,
    report: null,
  };
}

const conceptAnswer = (minutes: number): MockAnswer => ({
  kind: "concept",
  questionId: "q1",
  answeredAt: at(minutes),
  durationMs: minutes * 60_000,
  text: "lists are mutable",
  rating: "good",
  keyPoints: [true, false, true],
});
const drillAnswer: MockAnswer = {
  kind: "drill",
  questionId: "q2",
  answeredAt: at(6),
  durationMs: 60_000,
  output: "2",
  correct: false,
};

function finished(mock: MockRecord, when: Date): MockRecord {
  const report = scoreMock({
    mock,
    endedBy: "candidate",
    finishedAt: when,
    keyPointTexts: () => ["one", "two", "three"],
  });
  return { ...mock, status: "finished", finishedAt: when, report };
}

/** Mock interviews in the store, asserted against every dialect. */
export function mocksSuite(factory: TargetFactory): void {
  const open: Store[] = [];
  const targets: Target[] = [];

  async function fresh(): Promise<{ target: Target; store: Store }> {
    const target = await factory.create();
    targets.push(target);
    const store = await openStore(target.options);
    open.push(store);
    return { target, store };
  }

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    for (const target of targets.splice(0)) await target.dispose();
  });

  it("migrates a database holding old mock results: they read as finished results", async () => {
    const target = await factory.create();
    targets.push(target);
    // A database as migration 0001 left it, with a result saved before mocks existed.
    if (target.options.sqlitePath)
      mkdirSync(dirname(target.options.sqlitePath), { recursive: true });
    const db =
      factory.dialect === "sqlite"
        ? new Kysely<unknown>({
            dialect: new SqliteDialect({
              database: new BetterSqlite3(target.options.sqlitePath ?? ""),
            }),
          })
        : new Kysely<unknown>({
            dialect: new PostgresDialect({
              pool: new pg.Pool({ connectionString: target.options.databaseUrl }),
            }),
          });
    // On PostgreSQL, Kysely's bookkeeping goes in this test's own schema, as the store's does.
    const schema =
      factory.dialect === "postgres"
        ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s
        : undefined;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => ({ "0001_initial": initial(factory.dialect) }) },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    await sql`INSERT INTO users (id, display_name, created_at) VALUES ('old', NULL, 1)`.execute(db);
    await sql`INSERT INTO mock_results (user_id, result_key, taken_at, duration_ms, score, levels, topics, details)
      VALUES ('old', 'r1', ${T0.getTime()}, 60000, 0.5, '[]', '[]', '{"note":"before mocks"}')`.execute(
      db,
    );
    await db.destroy();

    const store = await openStore(target.options);
    open.push(store);
    const [row] = await target.query("SELECT status, version FROM mock_results");
    expect(row).toMatchObject({ status: "finished" });
    expect(Number(row?.version)).toBe(0);
    const list = await store.mocks.list("old");
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ key: "r1", status: "finished", score: 0.5, mock: null });
    expect(await store.mocks.get("old", "r1")).toBeUndefined();
    expect((await store.listMockResults("old"))[0]?.details).toEqual({ note: "before mocks" });
  });

  it("creates, reads back and lists mocks newest first", async () => {
    const { store } = await fresh();
    await store.ensureUser("u");
    const first = newMock();
    const second = { ...newMock(), startedAt: at(60) };
    await store.mocks.create("u", first);
    await store.mocks.create("u", second);
    expect(await store.mocks.get("u", first.id)).toEqual(first);
    const list = await store.mocks.list("u");
    expect(list.map((entry) => entry.key)).toEqual([second.id, first.id]);
    expect(list[0]?.mock).toEqual(second);
    expect((await store.mocks.list("u", { status: "finished" })).length).toBe(0);
    expect(await store.mocks.get("u", "no-such-mock")).toBeUndefined();
    await expect(store.mocks.create("ghost", newMock())).rejects.toBeInstanceOf(UnknownUserError);
  });

  it("updates with a compare-and-swap: concurrent answers both land", async () => {
    const { store } = await fresh();
    await store.ensureUser("u");
    const mock = newMock();
    await store.mocks.create("u", mock);
    const answer = (a: MockAnswer) => (m: MockRecord) =>
      m.answers.some((x) => x.questionId === a.questionId)
        ? null
        : { mock: { ...m, answers: [...m.answers, a] } };
    const [one, two] = await Promise.all([
      store.mocks.update("u", mock.id, answer(conceptAnswer(4))),
      store.mocks.update("u", mock.id, answer(drillAnswer)),
    ]);
    expect(one?.changed && two?.changed).toBe(true);
    const stored = await store.mocks.get("u", mock.id);
    expect(stored?.answers.map((a) => a.questionId).sort()).toEqual(["q1", "q2"]);
    // A decision of "nothing to do" writes nothing.
    const again = await store.mocks.update("u", mock.id, answer(drillAnswer));
    expect(again?.changed).toBe(false);
    expect(await store.mocks.update("u", "missing", answer(drillAnswer))).toBeUndefined();
  });

  it("finishes into the report and puts the missed cards in the queue, due now", async () => {
    const { store } = await fresh();
    await store.ensureUser("u");
    // q1 is already learned and due in a month; q2's drill was never studied.
    await store.recordReview("u", {
      cardId: "q1",
      rating: "easy",
      reviewedAt: at(-60 * 24 * 3),
      durationMs: 1000,
      idempotencyKey: randomUUID(),
    });
    const before = await store.getCardState("u", "q1");
    const mock = { ...newMock(), answers: [conceptAnswer(4), drillAnswer] };
    await store.mocks.create("u", mock);
    const done = finished(mock, at(14));
    expect(done.report?.reviewCardIds).toEqual(["q2/drill-1", "q3/exercise-1"]);
    const result = await store.mocks.update("u", mock.id, () => ({
      mock: done,
      queueCardIds: [...(done.report?.reviewCardIds ?? []), "q1"],
      queueAt: at(14),
    }));
    expect(result?.mock).toEqual(done);
    expect(await store.mocks.get("u", mock.id)).toEqual(done);

    const drill = await store.getCardState("u", "q2/drill-1");
    expect(drill).toMatchObject({ status: "learning", reps: 1, due: at(14) });
    const exercise = await store.getCardState("u", "q3/exercise-1");
    expect(exercise?.due).toEqual(at(14));
    const q1 = await store.getCardState("u", "q1");
    expect(q1).toEqual({ ...before, due: at(14) });
    // The history lists it with its score, and the export carries it.
    const [entry] = await store.mocks.list("u", { status: "finished" });
    expect(entry).toMatchObject({ key: mock.id, status: "finished" });
    expect(entry?.score).toBeCloseTo(done.report?.score ?? -1);
    expect(entry?.durationMs).toBe(14 * 60_000);
    // A review after the mock continues from the queued state.
    const next = await store.recordReview("u", {
      cardId: "q2/drill-1",
      rating: "good",
      reviewedAt: at(20),
      durationMs: 1000,
      idempotencyKey: randomUUID(),
    });
    expect(next.state.reps).toBe(2);
  });

  it("round-trips running and finished mocks through export and import", async () => {
    const { store, target } = await fresh();
    await store.ensureUser("alice");
    const running = { ...newMock(), answers: [conceptAnswer(3)] };
    const paused = { ...newMock(), startedAt: at(30), pausedAt: at(35), pausedMs: 60_000 };
    const done = finished({ ...newMock(), startedAt: at(100), answers: [drillAnswer] }, at(110));
    for (const mock of [running, paused, done]) await store.mocks.create("alice", mock);

    const file = JSON.parse(JSON.stringify(await store.exportProgress("alice")));
    expect(file.mockResults).toHaveLength(3);
    await store.ensureUser("bob");
    const summary = await store.importProgress("bob", file);
    expect(summary.mockResultsAdded).toBe(3);
    for (const mock of [running, paused, done]) {
      expect(await store.mocks.get("bob", mock.id)).toEqual(mock);
    }
    const statuses = await target.query(
      "SELECT result_key, status FROM mock_results WHERE user_id = ? ORDER BY taken_at",
      ["bob"],
    );
    expect(statuses.map((row) => row.status)).toEqual(["active", "active", "finished"]);
    expect((await store.importProgress("bob", file)).mockResultsAdded).toBe(0);

    // A mock whose details are not sound is refused with the field named, nothing written.
    const broken = structuredClone(file);
    broken.mockResults[0].details.plan.items[0].kind = "essay";
    broken.mockResults[0].key = "broken";
    await store.ensureUser("carol");
    const attempt = store.importProgress("carol", broken);
    await expect(attempt).rejects.toBeInstanceOf(StoreInputError);
    await expect(attempt).rejects.toMatchObject({ field: "details.plan.items.0.kind" });
    expect(await store.mocks.list("carol")).toEqual([]);
  });

  it("keeps each user's mocks to that user, and deletes them with the user", async () => {
    const { store, target } = await fresh();
    await store.ensureUser("a");
    await store.ensureUser("b");
    const mock = newMock();
    await store.mocks.create("a", mock);
    expect(await store.mocks.get("b", mock.id)).toBeUndefined();
    expect(await store.mocks.list("b")).toEqual([]);
    const hijack = await store.mocks.update("b", mock.id, (m) => ({
      mock: { ...m, answers: [drillAnswer] },
    }));
    expect(hijack).toBeUndefined();
    expect((await store.mocks.get("a", mock.id))?.answers).toEqual([]);
    expect(await store.deleteUser("a")).toBe(true);
    expect(await target.query("SELECT * FROM mock_results")).toEqual([]);
  });
}

/**
 * The store's budgets (issue 17): today's session for 5,000 cards and 100,000 reviews
 * ≤ 10 ms p50 on SQLite and PostgreSQL, and PostgreSQL recording ≥ 2,000 reviews/s with
 * 50 in flight. Each figure sits beside a baseline measured in the same run:
 * - the session beside the path it replaced (Kysely objects for every state row, then
 *   `buildSession`), on the same database;
 * - reviews/s beside the least a durable review can cost on that database: one bare
 *   INSERT committed per review, the same number in flight, on the same pool size.
 * Writes bench/results/store.json.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import pg from "pg";
import { cardStateFromRow, cardStateRow, reviewRow } from "../src/store/codec.ts";
import { connect } from "../src/store/connect.ts";
import type { Database } from "../src/store/schema.ts";
import { openStore, type Store, type StoreOptions } from "../src/store/store.ts";
import { schedule } from "../src/study/scheduler.ts";
import { buildSession } from "../src/study/session.ts";
import { DAY_MS, MINUTE_MS } from "../src/study/time.ts";
import type { CardState, Rating, ReviewRecord, StudyCard } from "../src/study/types.ts";
import { freshPostgresSchema } from "../test/support/databases.ts";
import { type Figure, machineLoad, median, percentile, round, writeResults } from "./report.ts";

const REVIEW_SECONDS = Number(process.env.STORE_BENCH_SECONDS ?? 3);
const CONCURRENCY = 50;
/** PostgreSQL connections for the store and its baseline: what 50 requests in flight need. */
const POOL_SIZE = Number(process.env.STORE_BENCH_POOL ?? 20);
const SESSION_RUNS = 41;
const CARDS = 5000;
const SEEN_CARDS = 4000;
const REVIEWS = 100_000;
const SESSION_TARGET_MS = 10;
const POSTGRES_REVIEWS_TARGET = 2000;

interface Target {
  name: "sqlite" | "postgres";
  options: StoreOptions;
  dispose(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-bench-"));
  return {
    name: "sqlite",
    options: { sqlitePath: path.join(dir, "bench.sqlite") },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(databaseUrl: string): Promise<Target> {
  const schema = await freshPostgresSchema(databaseUrl, "bench");
  return {
    name: "postgres",
    options: { databaseUrl: schema.url, poolSize: POOL_SIZE },
    dispose: schema.drop,
  };
}

const ratings: Rating[] = ["good", "good", "hard", "good", "easy", "again"];

interface Throughput {
  perSecond: number;
  count: number;
  cpuMsEach: number;
  p50Ms: number;
  p99Ms: number;
}

/** Calls `one` with `inFlight` calls at a time for REVIEW_SECONDS. */
async function throughput(inFlight: number, one: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const deadline = performance.now() + REVIEW_SECONDS * 1000;
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await one(next++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    perSecond: round(latencies.length / elapsed, 0),
    count: latencies.length,
    // CPU this process spent on each (SQLite's work included, PostgreSQL's not): a figure
    // that stays meaningful when other jobs share the machine.
    cpuMsEach: round((cpu.user + cpu.system) / 1000 / latencies.length, 3),
    p50Ms: round(median(latencies)),
    p99Ms: round(percentile(latencies, 99)),
  } satisfies Throughput;
}

async function storeReviews(store: Store, inFlight: number): Promise<Throughput> {
  const userId = `bench-${inFlight}-${randomUUID()}`;
  await store.ensureUser(userId);
  return throughput(inFlight, (i) =>
    store.recordReview(userId, {
      cardId: `card-${i % 500}`,
      rating: ratings[i % ratings.length] ?? "good",
      reviewedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000),
      durationMs: 3000,
      idempotencyKey: randomUUID(),
    }),
  );
}

/** The floor under a durable review: one row INSERTed and committed, nothing read. */
async function bareInserts(target: Target, inFlight: number): Promise<Throughput> {
  const row = () => [randomUUID(), '{"bench":true}'];
  if (target.name === "sqlite") {
    const db = new BetterSqlite3(target.options.sqlitePath as string);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec("CREATE TABLE IF NOT EXISTS bench_bare (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
    const insert = db.prepare("INSERT INTO bench_bare (k, v) VALUES (?, ?)");
    const commit = db.transaction((values: string[]) => insert.run(...values));
    try {
      return await throughput(inFlight, async () => commit.immediate(row()));
    } finally {
      db.close();
    }
  }
  const pool = new pg.Pool({ connectionString: target.options.databaseUrl, max: POOL_SIZE });
  await pool.query("CREATE TABLE bench_bare (k text PRIMARY KEY, v text NOT NULL)");
  try {
    return await throughput(inFlight, () =>
      pool.query({
        name: "bare",
        text: "INSERT INTO bench_bare (k, v) VALUES ($1, $2)",
        values: row(),
      }),
    );
  } finally {
    await pool.end();
  }
}

/** 5,000 cards over 3 levels and 12 topics: a concept card and two drill cards per question. */
function syntheticCards(count: number): StudyCard[] {
  const levels = ["fresher", "intermediate", "expert"] as const;
  const cards: StudyCard[] = [];
  for (let q = 0; cards.length < count; q++) {
    const shared = {
      questionId: `q${q}`,
      level: levels[q % 3] ?? "fresher",
      topics: [`topic-${q % 12}`],
      difficulty: ((q % 3) + 1) as 1 | 2 | 3,
    };
    cards.push({ ...shared, id: `q${q}`, kind: "concept", title: `Question ${q}` });
    for (const key of ["drill-1", "drill-2"]) {
      if (cards.length < count) {
        cards.push({ ...shared, id: `q${q}/${key}`, kind: "drill", key, title: key });
      }
    }
  }
  return cards;
}

/**
 * A year of history: 4,000 of the 5,000 cards seen, 25 reviews each. The last five reviews
 * of each card are replayed through the real scheduler, so states and due dates are what
 * FSRS produces; the older twenty only fill the log (their content does not matter to a
 * session, which never reads the log).
 */
function syntheticHistory(cards: StudyCard[], now: Date) {
  const perCard = REVIEWS / SEEN_CARDS;
  const replayed = 5;
  const states: CardState[] = [];
  const reviews: ReviewRecord[] = [];
  cards.slice(0, SEEN_CARDS).forEach((card, c) => {
    let state: CardState | undefined;
    let at = now.getTime() - 120 * DAY_MS + c * MINUTE_MS;
    const replay: ReviewRecord[] = [];
    for (let r = 0; r < replayed; r++) {
      const rating = ratings[(c + r) % ratings.length] ?? "good";
      const result = schedule(card.id, state, rating, new Date(at), { desiredRetention: 0.9 });
      state = result.state;
      replay.push({
        idempotencyKey: `${card.id}#${perCard - replayed + r}`,
        cardId: card.id,
        rating,
        reviewedAt: new Date(at),
        durationMs: 5000,
        previousStatus: result.previousStatus,
        stateAfter: state,
        grade: null,
      });
      at = Math.min(state.due.getTime(), at + 30 * DAY_MS);
    }
    const first = replay[0];
    if (!state || !first) return;
    for (let r = 0; r < perCard - replayed; r++) {
      const reviewedAt = new Date(now.getTime() - 365 * DAY_MS + c * MINUTE_MS + r * 9 * DAY_MS);
      reviews.push({ ...first, idempotencyKey: `${card.id}#${r}`, reviewedAt });
    }
    reviews.push(...replay);
    states.push(state);
  });
  return { states, reviews };
}

/** Rows straight into the tables, a thousand a statement: the bench measures reading them. */
async function seed(
  db: Kysely<Database>,
  userId: string,
  history: ReturnType<typeof syntheticHistory>,
) {
  const chunk = 1000;
  for (let i = 0; i < history.states.length; i += chunk) {
    const rows = history.states.slice(i, i + chunk).map((s) => cardStateRow(userId, s, 1));
    await db.insertInto("card_states").values(rows).execute();
  }
  for (let i = 0; i < history.reviews.length; i += chunk) {
    const rows = history.reviews.slice(i, i + chunk).map((r) => reviewRow(userId, r));
    await db.insertInto("reviews").values(rows).execute();
  }
}

/** What the session did before: every state row as a Kysely object, then the codec. */
async function statesBefore(db: Kysely<Database>, userId: string): Promise<CardState[]> {
  const rows = await db
    .selectFrom("card_states")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("card_id")
    .execute();
  return rows.map(cardStateFromRow);
}

async function sessionBench(store: Store, target: Target, cards: StudyCard[], now: Date) {
  const userId = `session-${randomUUID()}`;
  await store.ensureUser(userId);
  const raw = connect(target.options);
  try {
    // Not kept: 100,000 review objects alive in this process would slow its collector, a
    // cost a server reading the same rows from its database does not pay.
    const seeded = await (async () => {
      const history = syntheticHistory(cards, now);
      await seed(raw.db, userId, history);
      return { reviews: history.reviews.length, states: history.states.length };
    })();
    const session = async (loadStates: () => Promise<CardState[]>) => {
      const [states, settings] = await Promise.all([loadStates(), store.getSettings(userId)]);
      return buildSession({ cards, states, now, settings });
    };
    const fast = () => session(() => store.listCardStates(userId));
    const before = () => session(() => statesBefore(raw.db, userId));
    const times = { fast: [] as number[], before: [] as number[] };
    const cpu = { fast: 0, before: 0 };
    // Alternate, so load on the machine falls on both alike; the first of each warms up.
    let result: Awaited<ReturnType<typeof fast>> | undefined;
    for (let run = 0; run <= SESSION_RUNS; run++) {
      for (const [name, fn] of [
        ["fast", fast],
        ["before", before],
      ] as const) {
        const cpuBefore = process.cpuUsage();
        const t = performance.now();
        const built = await fn();
        const ms = performance.now() - t;
        const used = process.cpuUsage(cpuBefore);
        if (run === 0) continue;
        times[name].push(ms);
        cpu[name] += (used.user + used.system) / 1000;
        if (name === "fast") result = built;
      }
    }
    return {
      cards: cards.length,
      reviews: seeded.reviews,
      cardStates: seeded.states,
      dueToday: result?.due.length,
      newToday: result?.newCards.length,
      fastMsP50: round(median(times.fast)),
      fastMsP90: round(percentile(times.fast, 90)),
      fastCpuMs: round(cpu.fast / SESSION_RUNS),
      beforeMsP50: round(median(times.before)),
      beforeCpuMs: round(cpu.before / SESSION_RUNS),
    };
  } finally {
    await raw.db.destroy();
  }
}

const loadAtStart = machineLoad();
const targets: Target[] = [sqliteTarget()];
if (process.env.DATABASE_URL) targets.push(await postgresTarget(process.env.DATABASE_URL));
else console.log("postgres: skipped (DATABASE_URL not set; see scripts/start-postgres.sh)");

const now = new Date("2026-01-15T09:00:00Z");
const cards = syntheticCards(CARDS);
const figures: Figure[] = [];
const details: Record<string, unknown> = {
  setup: { reviewSeconds: REVIEW_SECONDS, concurrency: CONCURRENCY, postgresPoolSize: POOL_SIZE },
};

for (const target of targets) {
  const store = await openStore(target.options);
  const name = target.name === "sqlite" ? "SQLite" : "PostgreSQL";
  try {
    const session = await sessionBench(store, target, cards, now);
    const sequential = await storeReviews(store, 1);
    const concurrent = await storeReviews(store, CONCURRENCY);
    const bareConcurrent = await bareInserts(target, CONCURRENCY);
    details[target.name] = { session, reviews: { sequential, concurrent, bareConcurrent } };
    figures.push(
      {
        id: `store.session.${target.name}`,
        label: `session, 5,000 cards / 100,000 reviews, ${name}, p50`,
        value: session.fastMsP50,
        unit: "ms",
        baseline: { label: "before: Kysely rows", value: session.beforeMsP50 },
        target: { op: "<=", limit: SESSION_TARGET_MS, of: "value" },
      },
      {
        id: `store.session.${target.name}.cpu`,
        label: `session, ${name}, CPU in this process`,
        value: session.fastCpuMs,
        unit: "ms",
        baseline: { label: "before", value: session.beforeCpuMs },
      },
      {
        id: `store.reviews.${target.name}.concurrent`,
        label: `reviews committed, ${name}, ${CONCURRENCY} in flight`,
        value: concurrent.perSecond,
        unit: "/s",
        baseline: { label: "bare INSERT + commit", value: bareConcurrent.perSecond },
        ...(target.name === "postgres"
          ? { target: { op: ">=" as const, limit: POSTGRES_REVIEWS_TARGET, of: "value" as const } }
          : {}),
      },
      {
        id: `store.reviews.${target.name}.sequential`,
        label: `reviews committed, ${name}, 1 in flight`,
        value: sequential.perSecond,
        unit: "/s",
      },
      {
        id: `store.reviews.${target.name}.cpu`,
        label: `review, ${name}, CPU in this process (${CONCURRENCY} in flight)`,
        value: concurrent.cpuMsEach,
        unit: "ms",
        baseline: { label: "bare INSERT", value: bareConcurrent.cpuMsEach },
      },
    );
    console.log(
      `${name}: session ${session.fastMsP50} ms p50 (before ${session.beforeMsP50} ms); ` +
        `reviews ${concurrent.perSecond}/s with ${CONCURRENCY} in flight (bare insert ${bareConcurrent.perSecond}/s), ` +
        `${sequential.perSecond}/s one at a time`,
    );
  } finally {
    await store.close();
    await target.dispose();
  }
}
console.log(`wrote ${writeResults("store", figures, details, loadAtStart)}`);

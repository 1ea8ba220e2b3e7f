/**
 * Store benchmarks (issue 6): reviews committed per second on SQLite and, when
 * DATABASE_URL is set, PostgreSQL; and the time to build today's session for a user
 * with 5,000 cards and 100,000 reviews. Writes bench/results/store.json.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { cardStateToJson } from "../src/store/codec.ts";
import { openStore, type Store, type StoreOptions } from "../src/store/store.ts";
import { EXPORT_FORMAT, EXPORT_VERSION, type ProgressExport } from "../src/store/transfer.ts";
import { schedule } from "../src/study/scheduler.ts";
import { buildSession } from "../src/study/session.ts";
import type { CardState, Rating, StudyCard } from "../src/study/types.ts";
import { median, percentile, round, writeResults } from "./report.ts";

const DAY = 86_400_000;
const REVIEW_SECONDS = 2;
const CONCURRENCY = 50;

interface Target {
  name: "sqlite" | "postgres";
  options: StoreOptions;
  dispose(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-bench-"));
  return {
    name: "sqlite",
    options: { sqlitePath: path.join(dir, "bench.sqlite") },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A throwaway schema, so the bench never touches real data in that database. */
async function postgresTarget(databaseUrl: string): Promise<Target> {
  const schema = `bench_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(text);
    await client.end();
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    name: "postgres",
    options: { databaseUrl: url.toString(), poolSize: 10 },
    dispose: () => admin(`DROP SCHEMA ${schema} CASCADE`),
  };
}

const ratings: Rating[] = ["good", "good", "hard", "good", "easy", "again"];

/** Commits reviews for `seconds` with `inFlight` requests at a time; per-review latency too. */
async function reviewThroughput(store: Store, inFlight: number, seconds: number) {
  const userId = `bench-${inFlight}-${randomUUID()}`;
  await store.ensureUser(userId);
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const t = performance.now();
        await store.recordReview(userId, {
          cardId: `card-${i % 500}`,
          rating: ratings[i % ratings.length] ?? "good",
          reviewedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000),
          durationMs: 3000,
          idempotencyKey: randomUUID(),
        });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    inFlight,
    reviews: latencies.length,
    reviewsPerSecond: round(latencies.length / elapsed, 0),
    // CPU this process spent per review (SQLite's work included, PostgreSQL's not):
    // a figure that stays meaningful when other jobs share the machine.
    cpuMsPerReview: round((cpu.user + cpu.system) / 1000 / latencies.length, 3),
    p50Ms: round(median(latencies)),
    p99Ms: round(percentile(latencies, 99)),
  };
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
 * A year of history: 4,000 of the 5,000 cards seen, 25 reviews each. The last five
 * reviews of each card are replayed through the real scheduler, so states and due
 * dates are what FSRS produces; the older twenty only fill the log (replaying all
 * 100,000 would take most of the time budget on a busy 2-core machine).
 */
function syntheticHistory(cards: StudyCard[], now: Date, reviewsTotal: number): ProgressExport {
  const seen = cards.slice(0, 4000);
  const perCard = reviewsTotal / seen.length;
  const replayed = 5;
  const cardStates: CardState[] = [];
  const reviews: ProgressExport["reviews"] = [];
  seen.forEach((card, c) => {
    let state: CardState | undefined;
    let at = now.getTime() - 120 * DAY + c * 60_000;
    const replay: ProgressExport["reviews"] = [];
    for (let r = 0; r < replayed; r++) {
      const rating = ratings[(c + r) % ratings.length] ?? "good";
      const result = schedule(card.id, state, rating, new Date(at), { desiredRetention: 0.9 });
      state = result.state;
      replay.push({
        idempotencyKey: `${card.id}#${perCard - replayed + r}`,
        cardId: card.id,
        rating,
        reviewedAt: new Date(at).toISOString(),
        durationMs: 5000,
        previousStatus: result.previousStatus,
        stateAfter: cardStateToJson(state),
        grade: null,
      });
      at = Math.min(state.due.getTime(), at + 30 * DAY);
    }
    const first = replay[0];
    if (!state || !first) return;
    for (let r = 0; r < perCard - replayed; r++) {
      const reviewedAt = new Date(now.getTime() - 365 * DAY + c * 60_000 + r * 9 * DAY);
      reviews.push({
        ...first,
        idempotencyKey: `${card.id}#${r}`,
        reviewedAt: reviewedAt.toISOString(),
      });
    }
    reviews.push(...replay);
    cardStates.push(state);
  });
  reviews.sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    userId: "bench",
    settings: { dailyNewLimit: 20, desiredRetention: 0.9, levels: [], topics: [], theme: "system" },
    cardStates: cardStates.map(cardStateToJson),
    reviews,
    mockResults: [],
  };
}

async function sessionBench(store: Store, cards: StudyCard[], history: ProgressExport) {
  const userId = `session-${randomUUID()}`;
  await store.ensureUser(userId);
  const importStarted = performance.now();
  await store.importProgress(userId, history);
  const importMs = performance.now() - importStarted;

  const now = new Date(history.exportedAt);
  const load: number[] = [];
  const build: number[] = [];
  const total: number[] = [];
  let session: ReturnType<typeof buildSession> | undefined;
  for (let run = 0; run < 15; run++) {
    const t0 = performance.now();
    const [states, settings] = await Promise.all([
      store.listCardStates(userId),
      store.getSettings(userId),
    ]);
    const t1 = performance.now();
    session = buildSession({ cards, states, now, settings });
    const t2 = performance.now();
    load.push(t1 - t0);
    build.push(t2 - t1);
    total.push(t2 - t0);
  }
  return {
    cards: cards.length,
    reviews: history.reviews.length,
    cardStates: history.cardStates.length,
    importSeconds: round(importMs / 1000, 1),
    dueToday: session?.due.length,
    newToday: session?.newCards.length,
    loadStatesMsP50: round(median(load)),
    buildSessionMsP50: round(median(build)),
    totalMsP50: round(median(total)),
    totalMsMax: round(Math.max(...total)),
  };
}

const results: Record<string, unknown> = {};
const targets: Target[] = [await sqliteTarget()];
if (process.env.DATABASE_URL) targets.push(await postgresTarget(process.env.DATABASE_URL));
else console.log("postgres: skipped (DATABASE_URL not set; see scripts/start-postgres.sh)");

const now = new Date("2026-01-15T09:00:00Z");
const cards = syntheticCards(5000);
const historyStarted = performance.now();
const history = syntheticHistory(cards, now, 100_000);
console.log(
  `generated ${history.reviews.length} reviews in ${round((performance.now() - historyStarted) / 1000, 1)} s`,
);

for (const target of targets) {
  const store = await openStore(target.options);
  try {
    const sequential = await reviewThroughput(store, 1, REVIEW_SECONDS);
    const concurrent = await reviewThroughput(store, CONCURRENCY, REVIEW_SECONDS);
    const session = await sessionBench(store, cards, history);
    results[target.name] = { reviews: { sequential, concurrent }, session };
    console.log(
      `${target.name.padEnd(8)} reviews/s: ${sequential.reviewsPerSecond} (1 in flight, p99 ${sequential.p99Ms} ms, ${sequential.cpuMsPerReview} ms CPU each), ` +
        `${concurrent.reviewsPerSecond} (${CONCURRENCY} in flight, p99 ${concurrent.p99Ms} ms)`,
    );
    console.log(
      `${target.name.padEnd(8)} session for ${session.cards} cards / ${session.reviews} reviews: ` +
        `${session.totalMsP50} ms p50 (load ${session.loadStatesMsP50} ms + build ${session.buildSessionMsP50} ms); ` +
        `import took ${session.importSeconds} s`,
    );
  } finally {
    await store.close();
    await target.dispose();
  }
}
if (!results.postgres) results.postgres = { skipped: "DATABASE_URL not set" };
console.log(`wrote ${writeResults("store", results)}`);

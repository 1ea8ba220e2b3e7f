/**
 * The API's budgets (PRODUCT.md), on SQLite, 50 connections, loopback, 20 s each:
 * POST a review ≥ 3,000 req/s with p99 ≤ 25 ms; fetching the session (the due queue)
 * ≥ 5,000 req/s; server RSS ≤ 200 MB under that load. The server runs as its own
 * process, started exactly as `pyprep serve` starts it (local mode, request logs on).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadBank } from "../src/content/read-bank.ts";
import { deriveCards } from "../src/study/cards.ts";
import { round, writeResults } from "./report.ts";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.API_BENCH_SECONDS ?? 20);
const WARMUP_S = 3;

interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; the few fields read here are typed above.
const autocannon = (await import("autocannon" as string)).default as Autocannon;

const root = fileURLToPath(new URL("../", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "pyprep-api-bench-"));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const logFile = path.join(dir, "server.log");
const server = spawn(
  process.execPath,
  [
    path.join(root, "bin/pyprep.js"),
    "serve",
    "--port",
    String(port),
    "--db",
    path.join(dir, "bench.sqlite"),
  ],
  {
    stdio: ["ignore", openSync(logFile, "w"), "inherit"],
    env: { ...process.env, PYPREP_MODE: "local" },
  },
);

const loadAtStart = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
try {
  await waitForReady();
  const { bank } = await loadBank();
  const cardIds = deriveCards(bank).map((card) => card.id);

  const rss = rssSampler(server.pid as number);
  const postBody = () =>
    JSON.stringify({
      cardId: cardIds[Math.floor(Math.random() * cardIds.length)],
      rating: 1 + Math.floor(Math.random() * 4),
      idempotencyKey: randomUUID(),
      durationMs: 5_000,
    });
  const reviewRequest = {
    method: "POST",
    path: "/api/reviews",
    headers: { "content-type": "application/json" },
    setupRequest: (request: Record<string, unknown>) => ({ ...request, body: postBody() }),
  };

  await run({ requests: [reviewRequest] }, WARMUP_S);
  rss.reset();
  const reviews = await run({ requests: [reviewRequest] }, DURATION_S);
  const reviewsRssMb = rss.peakMb();

  await run({ path: "/api/session" }, WARMUP_S);
  rss.reset();
  const session = await run({ path: "/api/session" }, DURATION_S);
  const sessionRssMb = rss.peakMb();
  rss.stop();

  const summary = (r: AutocannonResult) => ({
    reqPerSec: round(r.requests.average, 0),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyAvgMs: round(r.latency.average, 2),
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  });
  const peakRss = Math.max(reviewsRssMb, sessionRssMb);
  const results = {
    setup: {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      database: "sqlite",
      mode: "local",
      questions: bank.questions.length,
      cards: cardIds.length,
      // Other work on the machine skews these; the load average says how much.
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
    },
    postReview: { ...summary(reviews), peakRssMb: reviewsRssMb },
    getSession: { ...summary(session), peakRssMb: sessionRssMb },
    budgets: {
      postReviewReqPerSec: { limit: 3000, met: reviews.requests.average >= 3000 },
      postReviewP99Ms: { limit: 25, met: reviews.latency.p99 <= 25 },
      getSessionReqPerSec: { limit: 5000, met: session.requests.average >= 5000 },
      serverRssMb: { limit: 200, met: peakRss <= 200 },
    },
  };
  const file = writeResults("api", results);
  console.table({
    "POST /api/reviews": summary(reviews),
    "GET /api/session": summary(session),
  });
  console.log(`peak server RSS ${peakRss} MB; budgets:`, JSON.stringify(results.budgets));
  console.log(`wrote ${file}`);
} finally {
  server.kill("SIGTERM");
  await new Promise((done) => server.once("exit", done));
  rmSync(dir, { recursive: true, force: true });
}

function run(options: Record<string, unknown>, seconds: number): Promise<AutocannonResult> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, ...options });
}

async function waitForReady(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited: see ${logFile}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error("server not ready within 120 s");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Peak resident memory of a process, from /proc, sampled every 200 ms. */
function rssSampler(pid: number) {
  let peakKb = 0;
  const sample = () => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // the process is gone
    }
  };
  const timer = setInterval(sample, 200);
  return {
    reset: () => {
      peakKb = 0;
      sample();
    },
    peakMb: () => round(peakKb / 1024, 1),
    stop: () => clearInterval(timer),
  };
}

/**
 * The API's budgets (PRODUCT.md, issue 17), on SQLite, 50 connections, loopback:
 * `POST /api/reviews` ≥ 25% of a bare Hono JSON POST route with p99 ≤ 15 ms;
 * `GET /api/session` ≥ 35% of a bare Hono JSON GET; server RSS ≤ 200 MB under that load.
 * The bare routes (bench/bare-hono.ts) run in their own process and are measured in the
 * same run, just before PyPrep's. The server runs as its own process, started as `npm start`
 * starts it: the built bundle (local mode, request logs on). Hosted mode: not measured yet.
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
import { type Figure, machineLoad, round, writeResults } from "./report.ts";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.API_BENCH_SECONDS ?? 20);
const WARMUP_S = 3;
/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

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
// Built JavaScript, as `npm start` runs it (src/server/build-server.mjs), not the TS loader.
const { buildServer } = (await import(path.join(root, "src/server/build-server.mjs"))) as {
  buildServer: () => Promise<string>;
};
const server = spawn(
  process.execPath,
  [await buildServer(), "serve", "--port", String(port), "--db", path.join(dir, "bench.sqlite")],
  {
    stdio: ["ignore", openSync(logFile, "w"), "inherit"],
    env: { ...process.env, PYPREP_MODE: "local" },
  },
);

const loadAtStart = machineLoad();
const barePort = await freePort();
const bare = spawn(
  process.execPath,
  ["--import", "tsx", path.join(root, "bench/bare-hono.ts"), String(barePort)],
  { stdio: ["ignore", "ignore", "inherit"] },
);
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

  await waitForReady(`http://127.0.0.1:${barePort}`, bare);
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const barePost = {
    method: "POST",
    path: "/echo",
    headers: { "content-type": "application/json" },
    setupRequest: (request: Record<string, unknown>) => ({ ...request, body: postBody() }),
  };
  await run({ requests: [barePost] }, WARMUP_S, bareUrl);
  const barePid = bare.pid as number;
  const barePosts = await withCpu(barePid, () =>
    run({ requests: [barePost] }, DURATION_S, bareUrl),
  );
  await run({ requests: [{ method: "GET", path: "/json" }] }, WARMUP_S, bareUrl);
  const bareGets = await withCpu(barePid, () =>
    run({ requests: [{ method: "GET", path: "/json" }] }, DURATION_S, bareUrl),
  );
  bare.kill("SIGTERM");

  await run({ requests: [reviewRequest] }, WARMUP_S);
  rss.reset();
  const serverPid = server.pid as number;
  const reviews = await withCpu(serverPid, () => run({ requests: [reviewRequest] }, DURATION_S));
  const reviewsRssMb = rss.peakMb();

  await run({ requests: [{ method: "GET", path: "/api/session" }] }, WARMUP_S);
  rss.reset();
  const session = await withCpu(serverPid, () =>
    run({ requests: [{ method: "GET", path: "/api/session" }] }, DURATION_S),
  );
  const sessionRssMb = rss.peakMb();
  rss.stop();

  const summary = (r: AutocannonResult & { cpuMsPerRequest: number }) => ({
    reqPerSec: round(r.requests.average, 0),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyAvgMs: round(r.latency.average, 2),
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    cpuMsPerRequest: r.cpuMsPerRequest,
  });
  const peakRss = Math.max(reviewsRssMb, sessionRssMb);
  const details = {
    setup: {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      database: "sqlite",
      mode: "local",
      questions: bank.questions.length,
      cards: cardIds.length,
    },
    postReview: { ...summary(reviews), peakRssMb: reviewsRssMb },
    getSession: { ...summary(session), peakRssMb: sessionRssMb },
    bareHono: { post: summary(barePosts), get: summary(bareGets) },
  };
  const figures: Figure[] = [
    {
      id: "api.reviews.post",
      label: "POST /api/reviews, SQLite, local, 50 connections",
      value: round(reviews.requests.average, 0),
      unit: "req/s",
      baseline: { label: "bare Hono JSON POST", value: round(barePosts.requests.average, 0) },
      target: { op: ">=", limit: 0.25, of: "ratio" },
    },
    {
      id: "api.reviews.post.p99",
      label: "POST /api/reviews, p99 latency",
      value: reviews.latency.p99,
      unit: "ms",
      baseline: { label: "bare Hono JSON POST", value: barePosts.latency.p99 },
      target: { op: "<=", limit: 15, of: "value" },
    },
    {
      id: "api.session.get",
      label: "GET /api/session, SQLite, local, 50 connections",
      value: round(session.requests.average, 0),
      unit: "req/s",
      baseline: { label: "bare Hono JSON GET", value: round(bareGets.requests.average, 0) },
      target: { op: ">=", limit: 0.35, of: "ratio" },
    },
    {
      id: "api.reviews.post.cpu",
      label: "POST /api/reviews, server CPU per request",
      value: reviews.cpuMsPerRequest,
      unit: "ms",
      baseline: { label: "bare Hono JSON POST", value: barePosts.cpuMsPerRequest },
    },
    {
      id: "api.session.get.cpu",
      label: "GET /api/session, server CPU per request",
      value: session.cpuMsPerRequest,
      unit: "ms",
      baseline: { label: "bare Hono JSON GET", value: bareGets.cpuMsPerRequest },
    },
    {
      id: "api.rss",
      label: "server RSS under that load, peak",
      value: peakRss,
      unit: "MB",
      target: { op: "<=", limit: 200, of: "value" },
    },
  ];
  // A route that answered errors measured something else (a 404 is fast): refuse the figures.
  for (const [name, r] of Object.entries({ reviews, session, barePosts, bareGets })) {
    if (r.non2xx > 0 || r.errors > 0) {
      console.error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
      process.exitCode = 1;
    }
  }
  const file = writeResults("api", figures, details, loadAtStart);
  console.table({
    "POST /api/reviews": summary(reviews),
    "GET /api/session": summary(session),
    "bare Hono POST": summary(barePosts),
    "bare Hono GET": summary(bareGets),
  });
  console.log(`wrote ${file}`);
} finally {
  bare.kill("SIGTERM");
  server.kill("SIGTERM");
  await new Promise((done) => server.once("exit", done));
  rmSync(dir, { recursive: true, force: true });
}

/** CPU seconds a process and its descendants have used so far, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .map(Number);
    return own + children.reduce((sum, child) => sum + cpuSeconds(child), 0);
  } catch {
    return 0;
  }
}

/**
 * The run, and the server's CPU per answered request: on a machine shared with other
 * work, wall-clock rates fall with the load; the CPU a request costs much less.
 */
async function withCpu(
  pid: number,
  measure: () => Promise<AutocannonResult>,
): Promise<AutocannonResult & { cpuMsPerRequest: number }> {
  const before = cpuSeconds(pid);
  const result = await measure();
  const used = cpuSeconds(pid) - before;
  return {
    ...result,
    cpuMsPerRequest: round((used * 1000) / Math.max(1, result.requests.total), 3),
  };
}

function run(
  options: Record<string, unknown>,
  seconds: number,
  target = url,
): Promise<AutocannonResult> {
  return autocannon({ url: target, connections: CONNECTIONS, duration: seconds, ...options });
}

async function waitForReady(base = url, child = server): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: see ${logFile}`);
    const ok = await fetch(`${base}/readyz`).then(
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

/**
 * Peak resident memory of a process and its descendants (`pyprep serve` runs the server
 * in a supervised child), from /proc, sampled every 200 ms.
 */
function rssSampler(pid: number) {
  let peakKb = 0;
  const rssKb = (id: number): number => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, "utf8"));
      const children = readFileSync(`/proc/${id}/task/${id}/children`, "utf8")
        .split(" ")
        .filter(Boolean)
        .map(Number);
      return Number(match?.[1] ?? 0) + children.reduce((sum, child) => sum + rssKb(child), 0);
    } catch {
      return 0; // the process is gone
    }
  };
  const sample = () => {
    peakKb = Math.max(peakKb, rssKb(pid));
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

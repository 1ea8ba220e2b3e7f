/**
 * The API's budgets (PRODUCT.md, issue 17), on SQLite, 50 connections, loopback:
 * `POST /api/reviews` ≥ 25% of a bare Hono JSON POST route with p99 ≤ 15 ms;
 * `GET /api/session` ≥ 35% of a bare Hono JSON GET; server RSS ≤ 200 MB under that load.
 * The bare routes (bench/bare-hono.ts) run in their own process and are measured in the
 * same run, just before PyPrep's. The server runs as its own process, started as `npm start`
 * starts it: the built bundle (request logs on). Then the same routes in hosted mode on
 * SQLite (≥ 60% of local), and in local mode on PostgreSQL when DATABASE_URL is set
 * (`GET /api/session` ≥ 3,000 req/s).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadBank } from "../src/content/read-bank.ts";
import { buildServer } from "../src/server/build-server.mjs";
import { deriveCards } from "../src/study/cards.ts";
import { signUpUsers } from "../test/support/accounts.ts";
import { freshPostgresSchema } from "../test/support/databases.ts";
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
// Built JavaScript, as `npm start` runs it (src/server/build-server.mjs), not the TS loader.
const serverEntry = await buildServer();
const loadAtStart = machineLoad();
const { bank } = await loadBank();
const cardIds = deriveCards(bank).map((card) => card.id);
const postBody = () =>
  JSON.stringify({
    cardId: cardIds[Math.floor(Math.random() * cardIds.length)],
    rating: 1 + Math.floor(Math.random() * 4),
    idempotencyKey: randomUUID(),
    durationMs: 5_000,
  });
/** Hosted mode's accounts: one per connection; each request carries one of their cookies. */
const HOSTED_USERS = CONNECTIONS;
const children: ChildProcess[] = [];

try {
  const barePort = await freePort();
  const bare = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "bench/bare-hono.ts"), String(barePort)],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  children.push(bare);
  const bareUrl = `http://127.0.0.1:${barePort}`;
  await waitForReady(bareUrl, bare);
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

  const local = await measureServer("sqlite-local", { PYPREP_MODE: "local" });
  const hosted = await measureServer("sqlite-hosted", {
    PYPREP_MODE: "hosted",
    PYPREP_AUTH_SECRET: randomUUID() + randomUUID(),
    PYPREP_AUTH_RATE_LIMIT: "100000/60",
  });
  let postgres: Measured | undefined;
  if (process.env.DATABASE_URL) {
    const schema = await freshPostgresSchema(process.env.DATABASE_URL, "apibench");
    try {
      postgres = await measureServer("postgres-local", {
        PYPREP_MODE: "local",
        DATABASE_URL: schema.url,
      });
    } finally {
      await schema.drop();
    }
  } else console.log("postgres: skipped (DATABASE_URL not set; see scripts/start-postgres.sh)");

  const summary = (r: Run) => ({
    reqPerSec: round(r.requests.average, 0),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyAvgMs: round(r.latency.average, 2),
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    cpuMsPerRequest: r.cpuMsPerRequest,
  });
  const measuredJson = (m: Measured) => ({
    postReview: { ...summary(m.reviews), peakRssMb: m.reviewsRssMb },
    getSession: { ...summary(m.session), peakRssMb: m.sessionRssMb, answerBytes: m.sessionBytes },
  });
  const details = {
    setup: {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      questions: bank.questions.length,
      cards: cardIds.length,
      hostedUsers: HOSTED_USERS,
    },
    sqliteLocal: measuredJson(local),
    sqliteHosted: measuredJson(hosted),
    ...(postgres ? { postgresLocal: measuredJson(postgres) } : {}),
    bareHono: { post: summary(barePosts), get: summary(bareGets) },
  };
  const rate = (r: Run) => round(r.requests.average, 0);
  const figures: Figure[] = [
    {
      id: "api.reviews.post",
      label: "POST /api/reviews, SQLite, local, 50 connections",
      value: rate(local.reviews),
      unit: "req/s",
      baseline: { label: "bare Hono JSON POST", value: rate(barePosts) },
      target: { op: ">=", limit: 0.25, of: "ratio" },
    },
    {
      id: "api.reviews.post.p99",
      label: "POST /api/reviews, p99 latency",
      value: local.reviews.latency.p99,
      unit: "ms",
      baseline: { label: "bare Hono JSON POST", value: barePosts.latency.p99 },
      target: { op: "<=", limit: 15, of: "value" },
    },
    {
      id: "api.session.get",
      label: "GET /api/session, SQLite, local, 50 connections",
      value: rate(local.session),
      unit: "req/s",
      baseline: { label: "bare Hono JSON GET", value: rate(bareGets) },
      target: { op: ">=", limit: 0.35, of: "ratio" },
    },
    {
      id: "api.reviews.post.cpu",
      label: "POST /api/reviews, server CPU per request",
      value: local.reviews.cpuMsPerRequest,
      unit: "ms",
      baseline: { label: "bare Hono JSON POST", value: barePosts.cpuMsPerRequest },
    },
    {
      id: "api.session.get.cpu",
      label: "GET /api/session, server CPU per request",
      value: local.session.cpuMsPerRequest,
      unit: "ms",
      baseline: { label: "bare Hono JSON GET", value: bareGets.cpuMsPerRequest },
    },
    {
      id: "api.rss",
      label: "server RSS under that load, peak",
      value: Math.max(local.reviewsRssMb, local.sessionRssMb),
      unit: "MB",
      target: { op: "<=", limit: 200, of: "value" },
    },
    {
      id: "api.hosted.reviews.post",
      label: `POST /api/reviews, SQLite, hosted, ${HOSTED_USERS} signed-in users`,
      value: rate(hosted.reviews),
      unit: "req/s",
      baseline: { label: "the same, local mode", value: rate(local.reviews) },
      target: { op: ">=", limit: 0.6, of: "ratio" },
    },
    {
      id: "api.hosted.session.get",
      label: `GET /api/session, SQLite, hosted, ${HOSTED_USERS} signed-in users`,
      value: rate(hosted.session),
      unit: "req/s",
      baseline: { label: "the same, local mode", value: rate(local.session) },
      target: { op: ">=", limit: 0.6, of: "ratio" },
    },
    ...(postgres
      ? [
          {
            id: "api.postgres.reviews.post",
            label: "POST /api/reviews, PostgreSQL, local, 50 connections",
            value: rate(postgres.reviews),
            unit: "req/s",
            baseline: { label: "the same on SQLite", value: rate(local.reviews) },
          },
          {
            id: "api.postgres.session.get",
            label: "GET /api/session, PostgreSQL, local, 50 connections",
            value: rate(postgres.session),
            unit: "req/s",
            baseline: { label: "the same on SQLite", value: rate(local.session) },
            target: { op: ">=" as const, limit: 3000, of: "value" as const },
          },
        ]
      : []),
  ];
  // A route that answered errors measured something else (a 404 is fast): refuse the figures.
  const runs = { barePosts, bareGets, ...flatRuns({ local, hosted, postgres }) };
  for (const [name, r] of Object.entries(runs)) {
    if (r.non2xx > 0 || r.errors > 0) {
      console.error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
      process.exitCode = 1;
    }
  }
  const file = writeResults("api", figures, details, loadAtStart);
  console.table(Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, summary(r)])));
  console.log(`wrote ${file}`);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map(
      (child) =>
        child.exitCode === null &&
        child.signalCode === null &&
        new Promise((done) => child.once("exit", done)),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
}

type Run = AutocannonResult & { cpuMsPerRequest: number };
interface Measured {
  reviews: Run;
  session: Run;
  reviewsRssMb: number;
  sessionRssMb: number;
  /** One session answer's size after the reviews: the GET's cost grows with it. */
  sessionBytes: number;
}

function flatRuns(measured: Record<string, Measured | undefined>): Record<string, Run> {
  const out: Record<string, Run> = {};
  for (const [name, m] of Object.entries(measured)) {
    if (!m) continue;
    out[`${name} POST /api/reviews`] = m.reviews;
    out[`${name} GET /api/session`] = m.session;
  }
  return out;
}

/**
 * One `pyprep serve` (the bundle, supervised as in production), its database in the
 * temporary folder unless `env` names one: reviews for DURATION_S, then sessions over
 * what they left. Hosted mode first signs up HOSTED_USERS accounts; each request then
 * carries one of their cookies at random, so session loading is paid on every request.
 */
async function measureServer(name: string, env: Record<string, string>): Promise<Measured> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dir, `${name}.log`);
  const { DATABASE_URL: _, ...inherited } = process.env;
  // `--db` would beat DATABASE_URL (src/cli/database.ts): a PostgreSQL run names none.
  const db = env.DATABASE_URL ? [] : ["--db", path.join(dir, `${name}.sqlite`)];
  const server = spawn(process.execPath, [serverEntry, "serve", "--port", String(port), ...db], {
    stdio: ["ignore", openSync(logFile, "w"), "inherit"],
    env: { ...inherited, ...env },
  });
  children.push(server);
  let rss: ReturnType<typeof rssSampler> | undefined;
  try {
    await waitForReady(url, server, logFile);
    const cookies =
      env.PYPREP_MODE === "hosted"
        ? (await signUpUsers({ url }, HOSTED_USERS)).map((user) => user.cookie)
        : [];
    const identity = (): Record<string, string> =>
      cookies.length
        ? { cookie: cookies[Math.floor(Math.random() * cookies.length)] as string, origin: url }
        : {};
    const review = {
      method: "POST",
      path: "/api/reviews",
      setupRequest: (request: Record<string, unknown>) => ({
        ...request,
        headers: { "content-type": "application/json", ...identity() },
        body: postBody(),
      }),
    };
    const session = {
      method: "GET",
      path: "/api/session",
      setupRequest: (request: Record<string, unknown>) => ({ ...request, headers: identity() }),
    };
    const pid = server.pid as number;
    rss = rssSampler(pid);
    await run({ requests: [review] }, WARMUP_S, url);
    rss.reset();
    const reviews = await withCpu(pid, () => run({ requests: [review] }, DURATION_S, url));
    const reviewsRssMb = rss.peakMb();
    const one = await fetch(`${url}/api/session`, { headers: identity() });
    const sessionBytes = (await one.arrayBuffer()).byteLength;
    await run({ requests: [session] }, WARMUP_S, url);
    rss.reset();
    const sessions = await withCpu(pid, () => run({ requests: [session] }, DURATION_S, url));
    const sessionRssMb = rss.peakMb();
    return { reviews, session: sessions, reviewsRssMb, sessionRssMb, sessionBytes };
  } finally {
    rss?.stop(); // its timer would keep the benchmark alive after a failed run
    server.kill("SIGTERM");
    if (server.exitCode === null && server.signalCode === null)
      await new Promise((done) => server.once("exit", done));
  }
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
  target: string,
): Promise<AutocannonResult> {
  return autocannon({ url: target, connections: CONNECTIONS, duration: seconds, ...options });
}

async function waitForReady(base: string, child: ChildProcess, logFile?: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited${logFile ? `: see ${logFile}` : ""}`);
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

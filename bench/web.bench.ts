/**
 * The web app in headless Debian Chromium against the real server on loopback, built
 * afresh into a temporary directory (so the figures are this checkout's, and a build here
 * never disturbs dist/web under someone's e2e run). Measures, median of RUNS:
 * - Python ready after navigation, cold (a new browser context: empty HTTP cache, Cache
 *   Storage and service worker) and warm (a reload), beside a bare page on the same server
 *   that only imports /pyodide/pyodide.mjs and calls `loadPyodide()`, measured in the same
 *   runs, alternating with the app, so load on the machine falls on both alike;
 * - navigation to the first study card on screen, cold and warm;
 * - the JavaScript index.html loads before anything lazy, raw and gzip.
 * Writes bench/results/web.json.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM } from "../test/e2e/support/browser.ts";
import { freePort, ROOT } from "../test/e2e/support/server.ts";
import { type Figure, machineLoad, median, round, writeResults } from "./report.ts";

const RUNS = Number(process.env.WEB_BENCH_RUNS ?? 5);
const BUDGET_GZIP_KB = 150;
const FIRST_CARD_MS = 300;
const PYTHON_COLD_MS = 1500;
const PYTHON_RATIO = 0.5;
const BARE_PATH = "/__bench/bare-pyodide.html";

/** The bare page: Pyodide's own loader from the same files, nothing of ours. */
const BARE_PAGE = `<!doctype html><meta charset="utf-8"><title>bare loadPyodide</title>
<script type="module">
const { loadPyodide } = await import("/pyodide/pyodide.mjs");
await loadPyodide({ indexURL: "/pyodide/" });
performance.mark("bare:python-ready");
</script>`;

function build(outDir: string): void {
  const vite = path.join(ROOT, "node_modules/vite/bin/vite.js");
  const run = spawnSync(process.execPath, [vite, "build", "--outDir", outDir], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (run.status !== 0) throw new Error(`vite build failed (${run.status})`);
}

/** `pyprep serve` on the fresh build, local mode, a throwaway database. */
async function serve(webDir: string, dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PYPREP_MODE: "local", PYPREP_LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, "bin/pyprep.js"),
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--db",
      path.join(dir, "bench.sqlite"),
      "--web-dir",
      webDir,
    ],
    { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("the server exited before it was ready");
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    await new Promise((done) => setTimeout(done, 200));
  }
  child.kill("SIGKILL");
  throw new Error("the server was not ready within 90 s");
}

/** Scripts index.html loads before anything lazy: the entry and its preloaded chunks. */
function initialJavaScript(webDir: string) {
  const html = readFileSync(path.join(webDir, "index.html"), "utf8");
  const files = [
    ...new Set(
      [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string),
    ),
  ];
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const body = readFileSync(path.join(webDir, file));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files, rawBytes: raw, gzipBytes: gzip };
}

async function mark(page: Page, name: string, timeoutMs: number): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, {
    timeout: timeoutMs,
    polling: 20,
  });
  return page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN, name);
}

interface Times {
  cold: number[];
  warm: number[];
}

/** One new context: the page cold, then reloaded warm; `marks` are read after each. */
async function coldThenWarm(browser: Browser, url: string, marks: Record<string, Times>) {
  const context = await browser.newContext();
  await context.route(`**${BARE_PATH}`, (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html",
      headers: {
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Embedder-Policy": "require-corp",
      },
      body: BARE_PAGE,
    }),
  );
  try {
    const page = await context.newPage();
    await page.goto(url);
    for (const [name, times] of Object.entries(marks))
      times.cold.push(await mark(page, name, 120_000));
    await page.reload();
    for (const [name, times] of Object.entries(marks))
      times.warm.push(await mark(page, name, 120_000));
  } finally {
    await context.close();
  }
}

async function main() {
  const loadAtStart = machineLoad();
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-web-bench-"));
  const webDir = path.join(dir, "web");
  build(webDir);
  const server = await serve(webDir, dir);
  const browser = await chromium.launch(CHROMIUM);
  const app = {
    firstCard: { cold: [], warm: [] } as Times,
    python: { cold: [], warm: [] } as Times,
  };
  const bare = { python: { cold: [], warm: [] } as Times };
  try {
    for (let run = 0; run < RUNS; run++) {
      const appRun = () =>
        coldThenWarm(browser, `${server.url}/study`, {
          "pyprep:first-card": app.firstCard,
          "pyprep:python-ready": app.python,
        });
      const bareRun = () =>
        coldThenWarm(browser, `${server.url}${BARE_PATH}`, { "bare:python-ready": bare.python });
      if (run % 2 === 0) {
        await appRun();
        await bareRun();
      } else {
        await bareRun();
        await appRun();
      }
    }
  } finally {
    await browser.close();
    server.child.kill("SIGTERM");
    await new Promise((done) => server.child.once("exit", done));
  }
  const initial = initialJavaScript(webDir);
  rmSync(dir, { recursive: true, force: true });

  const m = (values: number[]) => round(median(values), 0);
  const figures: Figure[] = [
    {
      id: "web.python.cold",
      label: "Python ready after navigation, cold",
      value: m(app.python.cold),
      unit: "ms",
      baseline: { label: "bare loadPyodide() page", value: m(bare.python.cold) },
      target: { op: "<=", limit: PYTHON_RATIO, of: "ratio" },
    },
    {
      id: "web.python.cold.absolute",
      label: "Python ready after navigation, cold, absolute",
      value: m(app.python.cold),
      unit: "ms",
      target: { op: "<=", limit: PYTHON_COLD_MS, of: "value" },
    },
    {
      id: "web.python.warm",
      label: "Python ready after navigation, warm (reload)",
      value: m(app.python.warm),
      unit: "ms",
      baseline: { label: "bare loadPyodide() page", value: m(bare.python.warm) },
      target: { op: "<=", limit: PYTHON_RATIO, of: "ratio" },
    },
    {
      id: "web.first-card.cold",
      label: "first study card after navigation, cold",
      value: m(app.firstCard.cold),
      unit: "ms",
      target: { op: "<=", limit: FIRST_CARD_MS, of: "value" },
    },
    {
      id: "web.first-card.warm",
      label: "first study card after navigation, warm",
      value: m(app.firstCard.warm),
      unit: "ms",
    },
    {
      id: "web.initial-js",
      label: "initial JavaScript, gzip",
      value: round(initial.gzipBytes / 1024, 1),
      unit: "KB",
      target: { op: "<=", limit: BUDGET_GZIP_KB, of: "value" },
    },
  ];
  const details = { runs: RUNS, app, bare, initialJavaScript: initial };
  console.log(`wrote ${writeResults("web", figures, details, loadAtStart)}`);
}

await main();

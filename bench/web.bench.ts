/**
 * The web app in headless Debian Chromium against the real server on loopback: time from
 * navigation to the first study card on screen and to Python (Pyodide) ready, cold (a new
 * browser context, empty cache) and warm (a reload); and the JavaScript the first load
 * needs, raw and gzip. Writes bench/results/web.json.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM } from "../test/e2e/support/browser.ts";
import { ensureBuilt, ROOT, removeDir, startServer } from "../test/e2e/support/server.ts";
import { median, round, writeResults } from "./report.ts";

const RUNS = 5;
const BUDGET_GZIP_BYTES = 150 * 1024;

/** Scripts index.html loads before anything lazy: the entry and its preloaded chunks. */
function initialJavaScript() {
  const dist = path.join(ROOT, "dist/web");
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  let raw = 0;
  let gzip = 0;
  for (const file of new Set(files)) {
    const body = readFileSync(path.join(dist, file));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: [...new Set(files)], rawBytes: raw, gzipBytes: gzip };
}

async function mark(page: Page, name: string, timeoutMs: number): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, {
    timeout: timeoutMs,
    polling: 50,
  });
  return page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN, name);
}

async function main() {
  await ensureBuilt();
  const server = await startServer();
  const browser = await chromium.launch(CHROMIUM);
  const cold = { firstCard: [] as number[], pythonReady: [] as number[] };
  const warm = { firstCard: [] as number[], pythonReady: [] as number[] };
  let startupScripts = { count: 0, bytes: 0 };
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts: number[] = [];
      page.on("response", async (response) => {
        if (response.request().resourceType() === "script" && response.url().includes("/assets/")) {
          scripts.push((await response.body().catch(() => Buffer.alloc(0))).length);
        }
      });
      await page.goto(`${server.url}/study`);
      cold.firstCard.push(await mark(page, "pyprep:first-card", 30_000));
      cold.pythonReady.push(await mark(page, "pyprep:python-ready", 60_000));
      if (run === 0)
        startupScripts = { count: scripts.length, bytes: scripts.reduce((a, b) => a + b, 0) };
      await page.reload();
      warm.firstCard.push(await mark(page, "pyprep:first-card", 30_000));
      warm.pythonReady.push(await mark(page, "pyprep:python-ready", 60_000));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    removeDir(server.dir);
  }
  const initial = initialJavaScript();
  const summary = (values: number[]) => ({
    medianMs: round(median(values), 1),
    minMs: round(Math.min(...values), 1),
    maxMs: round(Math.max(...values), 1),
    runs: values.length,
  });
  const results = {
    navigationToFirstCard: { cold: summary(cold.firstCard), warm: summary(warm.firstCard) },
    navigationToPythonReady: { cold: summary(cold.pythonReady), warm: summary(warm.pythonReady) },
    initialJavaScript: {
      ...initial,
      budgetGzipBytes: BUDGET_GZIP_BYTES,
      withinBudget: initial.gzipBytes <= BUDGET_GZIP_BYTES,
    },
    appScriptsFetchedAtStartup: startupScripts,
  };
  const file = writeResults("web", results);
  console.log(
    [
      `first card: cold ${results.navigationToFirstCard.cold.medianMs} ms, warm ${results.navigationToFirstCard.warm.medianMs} ms (median of ${RUNS})`,
      `Python ready: cold ${results.navigationToPythonReady.cold.medianMs} ms, warm ${results.navigationToPythonReady.warm.medianMs} ms`,
      `initial JS: ${initial.rawBytes} B raw, ${initial.gzipBytes} B gzip (budget ${BUDGET_GZIP_BYTES})`,
      `wrote ${file}`,
    ].join("\n"),
  );
  if (!results.initialJavaScript.withinBudget) process.exitCode = 1;
}

await main();

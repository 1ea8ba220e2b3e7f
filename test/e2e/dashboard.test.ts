import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatsAnswer } from "../../src/api/stats.ts";
import type { TopicsAnswer } from "../../src/api/types.ts";
import { launchBrowser, watchErrors } from "./support/browser.ts";
import { captureScreen } from "./support/screens.ts";
import { ensureBuilt, ROOT, type RunningServer, removeDir, startServer } from "./support/server.ts";

/**
 * The Progress dashboard for a user seeded by scripts/seed-demo.ts (three months of
 * reviews, five mock interviews): every chart is drawn, and each chart's table view holds
 * exactly the numbers /api/stats answered.
 */

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let dir: string;
let stats: StatsAnswer;
let titles: Map<string, string>;
const a11y: string[] = [];

function seed(sqlitePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "scripts/seed-demo.ts",
        "--db",
        sqlitePath,
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: "" } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** The rows of a chart's table view, opened with its button, as cell texts. */
async function tableRows(page: Page, chart: string): Promise<string[][]> {
  const panel = page.locator(`[data-testid="chart-${chart}"]`);
  await panel.locator('[data-testid="table-toggle"]').click();
  await panel.locator(".chart-table table").waitFor();
  const rows = await panel
    .locator(".chart-table tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? "")),
    );
  await panel.locator('[data-testid="table-toggle"]').click();
  return rows;
}

const pct = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(path.join(tmpdir(), "pyprep-e2e-dash-"));
  const sqlitePath = path.join(dir, "pyprep.sqlite");
  expect(await seed(sqlitePath)).toMatch(/5 mock interviews/);
  server = await startServer({ sqlitePath });
  browser = await launchBrowser();
  // The browser's time zone decides the days; ask the stats in the same one.
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/healthz`);
  const tz = await page.evaluate(() => -new Date().getTimezoneOffset());
  await page.close();
  stats = (await (await fetch(`${server.url}/api/stats?tzOffset=${tz}`)).json()) as StatsAnswer;
  const topics = (await (await fetch(`${server.url}/api/topics`)).json()) as TopicsAnswer;
  titles = new Map(topics.topics.map((t) => [t.id, t.title]));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(dir);
  expect(a11y, a11y.join("\n")).toEqual([]);
});

describe("the Progress dashboard, seeded with three months", () => {
  it("draws every chart, and each table view matches the data", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/progress`);
    await page.waitForSelector('[data-testid="dashboard"]');
    expect(stats.totals.reviews).toBeGreaterThan(500);
    expect(stats.mockScores).toHaveLength(5);

    for (const chart of ["reviews", "forecast", "retention", "time", "mocks"]) {
      const panel = page.locator(`[data-testid="chart-${chart}"]`);
      expect(await panel.locator('[data-testid="chart-empty"]').count(), chart).toBe(0);
      await panel.locator("svg.chart-svg").waitFor();
      expect(
        await panel.locator("svg.chart-svg rect, svg.chart-svg circle").count(),
        chart,
      ).toBeGreaterThan(2);
    }
    const bars = await page.locator('[data-testid="chart-reviews"] svg rect').count();
    expect(bars).toBe(stats.reviewsPerDay.filter((d) => d.count > 0).length);
    expect(await page.locator('[data-testid="chart-mastery"] .heat').count()).toBe(
      stats.masteryByLevel.length + countGaps(stats),
    );

    const reviews = await tableRows(page, "reviews");
    expect(reviews.map((r) => Number(r[1]))).toEqual(stats.reviewsPerDay.map((d) => d.count));
    const forecast = await tableRows(page, "forecast");
    expect(forecast.map((r) => Number(r[1]))).toEqual(stats.forecast.map((d) => d.count));
    const retention = await tableRows(page, "retention");
    expect(retention.map((r) => [Number(r[1]), Number(r[2]), r[3]])).toEqual(
      stats.retentionByWeek.map((w) => [w.reviews, w.recalled, pct(w.rate)]),
    );
    const time = await tableRows(page, "time");
    expect(time.map((r) => [Number(r[1]), Number(r[2])])).toEqual(
      stats.timePerDay.map((d) => [Math.round(d.reviewMs / 60_000), Math.round(d.mockMs / 60_000)]),
    );
    const mocks = await tableRows(page, "mocks");
    expect(mocks.map((r) => r[1])).toEqual(stats.mockScores.map((m) => pct(m.score)));
    const mastery = await tableRows(page, "mastery");
    const topicsShown = mastery.map((r) => r[0]);
    expect(new Set(topicsShown)).toEqual(
      new Set(stats.masteryByLevel.map((c) => titles.get(c.topic) ?? c.topic)),
    );
    for (const cell of stats.masteryByLevel) {
      const row = mastery.find((r) => r[0] === (titles.get(cell.topic) ?? cell.topic));
      const column = { fresher: 1, intermediate: 2, expert: 3 }[cell.level];
      expect(row?.[column]).toBe(
        `${pct(cell.strength)} (${cell.mastered} of ${cell.cards} mastered)`,
      );
    }
    // Weakest first: the overall column never decreases down the table.
    const overall = mastery.map((r) => Number.parseInt(r.at(-1) ?? "0", 10));
    expect(overall).toEqual([...overall].sort((a, b) => a - b));

    expect(await page.textContent('[data-testid="stat-due"]')).toBe(String(stats.dueToday));
    expect(await page.textContent('[data-testid="stat-streak"]')).toBe(
      `${stats.streak} ${stats.streak === 1 ? "day" : "days"}`,
    );
    const weakest = page.locator('[data-testid="weakest"] li');
    expect(await weakest.count()).toBe(stats.weakestTopics.length);
    expect(stats.weakestTopics.length).toBe(5);
    const first = stats.weakestTopics[0]?.topic ?? "";
    expect(await weakest.first().locator("a").first().getAttribute("href")).toBe(
      `/study?topic=${first}`,
    );
    expect(await weakest.first().locator("a").nth(1).getAttribute("href")).toBe(
      `/mock?topic=${first}`,
    );

    a11y.push(...(await captureScreen(page, "dashboard")));
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // "Mock these" opens the set-up with that topic chosen.
    await page.setViewportSize({ width: 1280, height: 900 });
    await weakest.first().locator("a").nth(1).click();
    await page.waitForSelector("form.mock-setup");
    expect(await page.textContent(".mock-topics summary")).toContain(titles.get(first) ?? first);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

/** Topic × level pairs without a card still get a (hatched) square in the grid. */
function countGaps(s: StatsAnswer): number {
  const topics = new Set(s.masteryByLevel.map((c) => c.topic));
  return topics.size * 3 - s.masteryByLevel.length;
}

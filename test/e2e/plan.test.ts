import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanAnswer } from "../../src/api/plan.ts";
import { parseConfig } from "../../src/server/config.ts";
import { startServer } from "../../src/server/server.ts";
import { describeViolations, seriousViolations } from "./support/axe.ts";
import { launchBrowser, watchErrors } from "./support/browser.ts";
import { SHOTS_DIR, sidewaysOverflow } from "./support/screens.ts";
import { ensureBuilt, ROOT } from "./support/server.ts";

/**
 * The interview plan in Chromium against a server started here, in-process, so the test can
 * move its clock: set an interview 14 days out for the fresher level at 30 minutes a day, see
 * the plan and the countdown, study today's session (the plan's new cards), miss a day, and
 * the plan re-balances over the days left.
 */

const DAY = 86_400_000;
let server: { url: string; close: () => Promise<void> };
let browser: { context: BrowserContext; close: () => Promise<void> };
let dir: string;
let advancedMs = 0;
const problems: string[] = [];

const localDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function plan(page: Page): Promise<PlanAnswer> {
  return page.evaluate(async () => {
    const res = await fetch(`/api/plan?tzOffset=${-new Date().getTimezoneOffset()}`);
    return res.json();
  });
}

/** Phone and desktop, light and dark, each checked by axe and for sideways overflow. */
async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      if (width === 390) {
        const overflow = await sidewaysOverflow(page);
        if (overflow) problems.push(`${name} ${scheme} ${width}: overflows sideways: ${overflow}`);
      }
      await page.screenshot({
        path: path.join(SHOTS_DIR, `${name}-${scheme}-${width}.png`),
        fullPage: true,
      });
      const violations = await seriousViolations(page);
      if (violations.length > 0)
        problems.push(`${name} ${scheme} ${width}: ${describeViolations(violations)}`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 800 });
}

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(path.join(tmpdir(), "pyprep-e2e-plan-"));
  const config = parseConfig(
    {},
    {
      mode: "local",
      port: 0,
      sqlitePath: path.join(dir, "pyprep.sqlite"),
      contentDir: path.join(ROOT, "content"),
      webDir: path.join(ROOT, "dist/web"),
      logLevel: "silent",
    },
  );
  const started = Date.now();
  server = await startServer(config, { now: () => new Date(started + advancedMs) });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  expect(problems, problems.join("\n")).toEqual([]);
});

describe("an interview plan", () => {
  it("plans 14 days for fresher at 30 minutes, the session follows it, and a missed day re-plans", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await page.getByTestId("countdown-none").waitFor();
    await page.getByRole("link", { name: "Plan", exact: true }).click();
    await page.getByRole("heading", { name: "Set an interview" }).waitFor();

    // The browser runs in UTC here, like the server's clock, so "14 days out" is the same day for both.
    const date = localDate(Date.now() + 14 * DAY);
    await page.getByLabel("Interview date").fill(date);
    await page.getByLabel("Minutes a day").fill("30");
    await page.getByRole("checkbox", { name: "Fresher" }).check();
    await shoot(page, "plan-set");
    // Keyboard only: the submit button is reached and pressed like any other.
    await page.getByRole("button", { name: "Set interview" }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("plan-summary").waitFor();

    const first = await plan(page);
    expect(first.interview?.date).toBe(date);
    expect(first.interview?.levels).toEqual(["fresher"]);
    expect(first.plan?.daysLeft).toBe(14);
    const days = first.plan?.days ?? [];
    expect(days).toHaveLength(14);
    for (const day of days) expect(day.minutes).toBeLessThanOrEqual(day.budget);
    expect(await page.getByTestId("plan-days").locator("tbody tr").count()).toBe(15);
    expect(
      await page.getByRole("heading", { level: 2, name: /Interview in 14 days/ }).count(),
    ).toBe(1);
    const shownNew = await page.getByTestId("day-new").allTextContents();
    expect(shownNew.map(Number)).toEqual(days.map((d) => d.newCardIds.length));
    if (first.plan?.feasible) await page.getByTestId("plan-fits").waitFor();
    else expect(await page.getByTestId("plan-message").textContent()).toBe(first.plan?.message);
    await page
      .getByTestId("readiness")
      .getByRole("heading", { name: /Interview readiness/ })
      .waitFor();
    await shoot(page, "plan");

    // The countdown on the home page.
    await page.getByRole("link", { name: "Home", exact: true }).click();
    await page.getByTestId("countdown").waitFor();
    expect(await page.getByTestId("countdown").textContent()).toContain("Interview in 14 days");
    const todayNew = first.today?.newCardIds ?? [];
    expect(todayNew.length).toBeGreaterThan(0);
    expect(await page.getByTestId("new-count").textContent()).toBe(String(todayNew.length));
    await shoot(page, "plan-home");

    // Today's session is the plan's: its new cards, in the plan's order.
    const session = await page.evaluate(async () => (await fetch("/api/session")).json());
    expect(session.new.map((c: { id: string }) => c.id)).toEqual(todayNew);
    await page.getByRole("link", { name: "Start session" }).click();
    await page.getByTestId("session-progress").waitFor();
    expect(await page.getByTestId("session-progress").textContent()).toBe(
      `Card 1 of ${todayNew.length}`,
    );
    const firstCard = session.new[0] as { title: string; kind: string };
    if (firstCard.kind === "concept") {
      expect(await page.locator(".card h2").first().textContent()).toContain(firstCard.title);
    }
    // Rate today's planned cards Good, as studying them would.
    for (const cardId of todayNew) {
      const status = await page.evaluate(
        async ([id, key]) =>
          (
            await fetch("/api/reviews", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                cardId: id,
                rating: 3,
                idempotencyKey: key,
                durationMs: 60_000,
              }),
            })
          ).status,
        [cardId, randomUUID()],
      );
      expect(status).toBe(200);
    }
    const studied = await plan(page);
    expect(studied.today?.newCardIds).toEqual(expect.arrayContaining(todayNew));
    expect(studied.readiness?.overall.currentRecall).toBeGreaterThan(0);

    // Miss a day: the server's clock moves two days on, nothing studied on the first.
    advancedMs += 2 * DAY;
    await page.goto(`${server.url}/plan`);
    await page.getByTestId("plan-summary").waitFor();
    const later = await plan(page);
    expect(later.plan?.daysLeft).toBe(12);
    expect(later.plan?.days).toHaveLength(12);
    for (const day of later.plan?.days ?? []) expect(day.minutes).toBeLessThanOrEqual(day.budget);
    const plannedNow = later.plan?.days.flatMap((d) => d.newCardIds) ?? [];
    for (const id of todayNew) expect(plannedNow).not.toContain(id);
    // What was studied is done; the rest of the scope is spread over the days left.
    expect(later.plan?.scope.newCards).toBe((first.plan?.scope.newCards ?? 0) - todayNew.length);
    expect(plannedNow).toHaveLength(later.plan?.scope.placedNewCards ?? -1);
    expect(later.plan?.days[0]?.newCardIds.length).toBeGreaterThan(0);
    expect(
      await page.getByRole("heading", { level: 2, name: /Interview in 12 days/ }).count(),
    ).toBe(1);
    expect(await page.getByTestId("plan-days").locator("tbody tr").count()).toBe(13);

    // Readiness on the dashboard, per level and topic.
    await page.getByRole("link", { name: "Progress", exact: true }).click();
    await page.getByTestId("readiness").getByRole("list", { name: "Readiness by level" }).waitFor();
    const rows = page.getByTestId("readiness").getByTestId("readiness-row");
    expect(await rows.count()).toBe(
      (later.readiness?.byLevel.length ?? 0) + (later.readiness?.byTopic.length ?? 0),
    );
    await shoot(page, "plan-readiness");
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

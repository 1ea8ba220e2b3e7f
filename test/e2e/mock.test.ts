import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/server/config.ts";
import { type RunningServer, startServer } from "../../src/server/server.ts";
import { CHROMIUM, watchErrors } from "./support/browser.ts";
import { captureScreen } from "./support/screens.ts";
import { ensureBuilt, ROOT, removeDir } from "./support/server.ts";

/**
 * Mock interviews in headless Chromium against the real server and web app. The server
 * runs in this process so the test can move its clock (AppDeps.now, which no request can
 * touch); the page's clock is Playwright's. Both jump together, so a 3-question interview
 * runs out of time without the test waiting out its minutes.
 */

let server: RunningServer;
let dir: string;
let browser: Browser;
let offsetMs = 0;
const a11y: string[] = [];

// biome-ignore lint/suspicious/noExplicitAny: answers are untyped JSON until asserted
async function api<T = any>(pathname: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${server.url}${pathname}`, init);
  expect(res.status, pathname).toBeLessThan(300);
  return (await res.json()) as T;
}

/** No sideways scrolling at phone width: the screen reflows instead. */
async function expectNoOverflowAt360(page: Page): Promise<void> {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  if (original) await page.setViewportSize(original);
}

async function newPage(context: BrowserContext) {
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

async function setUpThreeQuestions(page: Page): Promise<void> {
  await page.goto(`${server.url}/mock`);
  await page.waitForSelector("form.mock-setup");
  await page.getByLabel("Number of questions").check();
  await page.fill('[data-testid="mock-questions"]', "3");
  await page.click('[data-testid="mock-start"]');
  await page.waitForSelector('[data-testid="mock-run"] .mock-item');
}

/** Answers the question on screen: a concept by typing and rating, a drill by a guess. */
async function answerCurrent(page: Page): Promise<string> {
  const kind = await page.getAttribute(".mock-item", "data-kind");
  if (kind === "concept") {
    await page.fill('[data-testid="mock-answer"]', "It depends on mutability and identity.");
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector('[data-testid="mock-touched"]');
    await page.keyboard.press("3");
  } else if (kind === "drill") {
    await page.fill('[data-testid="mock-output"]', "not the output");
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector('[data-testid="mock-verdict"]');
    await page.click('[data-testid="mock-next"]');
  } else {
    await page.click('[data-testid="mock-exercise-done"]');
  }
  return kind ?? "";
}

/** The build under test, as support/server.ts chooses it (another build with PYPREP_E2E_WEB_DIR). */
const WEB_DIR = process.env.PYPREP_E2E_WEB_DIR ?? path.join(ROOT, "dist/web");

beforeAll(async () => {
  if (!process.env.PYPREP_E2E_WEB_DIR) await ensureBuilt();
  dir = mkdtempSync(path.join(tmpdir(), "pyprep-e2e-mock-"));
  const config = parseConfig(
    {},
    {
      mode: "local",
      port: 0,
      sqlitePath: path.join(dir, "pyprep.sqlite"),
      webDir: WEB_DIR,
      logLevel: "silent",
    },
  );
  server = await startServer(config, { now: () => new Date(Date.now() + offsetMs) });
  browser = await chromium.launch(CHROMIUM);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) removeDir(dir);
  expect(a11y, a11y.join("\n")).toEqual([]);
});

describe("mock interviews in the browser", () => {
  it("a new user's dashboard says what to do in every chart", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await newPage(context);
    await page.goto(`${server.url}/progress`);
    await page.waitForSelector('[data-testid="dashboard"]');
    for (const id of ["reviews", "forecast", "retention", "time", "mocks", "mastery"]) {
      const empty = page.locator(`[data-testid="chart-${id}"] [data-testid="chart-empty"]`);
      expect(await empty.textContent(), id).toMatch(/\w+/);
    }
    expect(await page.textContent('[data-testid="stat-streak"]')).toBe("0 days");
    a11y.push(...(await captureScreen(page, "dashboard-empty")));
    await expectNoOverflowAt360(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("a 3-question timed mock runs out of time; its misses are due in the next study session", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.clock.install();
    const { page, errors } = await newPage(context);
    await page.goto(`${server.url}/mock`);
    await page.waitForSelector("form.mock-setup");
    a11y.push(...(await captureScreen(page, "mock-setup")));
    await expectNoOverflowAt360(page);

    await setUpThreeQuestions(page);
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1) ?? "");
    expect(await page.textContent('[data-testid="mock-progress"]')).toBe("0 of 3 answered");
    a11y.push(...(await captureScreen(page, "mock-question")));
    await expectNoOverflowAt360(page);

    await answerCurrent(page);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="mock-progress"]')?.textContent === "1 of 3 answered",
    );
    // A draft typed when the time runs out is handed in with the rest.
    const box = (await page.$('[data-testid="mock-answer"]'))
      ? '[data-testid="mock-answer"]'
      : '[data-testid="mock-output"]';
    await page.fill(box, "half an answer about mutability");
    const running = await api(`/api/mocks/${id}`);
    expect(running.answers).toHaveLength(1);

    // Both clocks jump just past the end, as when they run together: the page counts down
    // to zero and ends the interview, and its draft lands inside the server's grace
    // (ANSWER_GRACE_MS); a jump past the grace would be a page whose clock lagged.
    const jump = running.remainingMs + 500;
    offsetMs += jump;
    await page.clock.fastForward(jump);
    await page.waitForSelector('[data-testid="mock-report"]', { timeout: 30_000 });
    expect(await page.textContent("main")).toContain("ended because the time ran out");
    expect(await page.textContent('[data-testid="report-answered"]')).toBe("2 of 3");
    const done = await api(`/api/mocks/${id}`);
    expect(done.report.endedBy).toBe("time");
    expect(done.report.answered).toBe(2);
    const draft = done.report.items.find(
      (item: { answer: { text?: string; output?: string } | null }) =>
        [item.answer?.text, item.answer?.output].includes("half an answer about mutability"),
    );
    expect(draft, "the draft was handed in").toBeDefined();
    // Handed in by the clock, not by the candidate: a concept draft was never rated.
    if (draft?.answer.kind === "concept") expect(draft.answer.rating).toBeNull();
    const missed: { questionId: string; kind: string; cardId: string }[] = done.report.items.filter(
      (item: { missed: boolean }) => item.missed,
    );
    expect(missed.length).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid="review-these"] li').count()).toBe(missed.length);
    expect(await page.locator('[data-testid="report-item"]').count()).toBe(3);
    a11y.push(...(await captureScreen(page, "mock-report")));
    await expectNoOverflowAt360(page);

    // The report keeps its URL.
    await page.reload();
    await page.waitForSelector('[data-testid="mock-report"]');

    // The missed cards are due now and lead the next study session.
    const session = await api("/api/session");
    const due = session.due.map((card: { id: string }) => card.id);
    for (const item of missed) expect(due).toContain(item.cardId);
    await page.getByRole("button", { name: "Study them now" }).click();
    await page.waitForSelector('[data-testid="session-progress"]');
    const href = await page.getAttribute('.session a[href^="/q/"]', "href");
    const questionId = decodeURIComponent(href?.slice(3) ?? "");
    const kind = await page.getAttribute(".session [data-kind]", "data-kind");
    expect(missed.some((item) => item.questionId === questionId && item.kind === kind)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("resumes after a reload from the server's state, with the draft being typed", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await newPage(context);
    await setUpThreeQuestions(page);
    await answerCurrent(page);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="mock-progress"]')?.textContent === "1 of 3 answered",
    );
    const heading = await page.textContent("#mock-item-h");
    const box = (await page.$('[data-testid="mock-answer"]'))
      ? '[data-testid="mock-answer"]'
      : '[data-testid="mock-output"]';
    await page.fill(box, "a draft I was typing");
    await page.waitForTimeout(1200);
    const before = (await page.textContent('[data-testid="mock-countdown"]')) ?? "";

    await page.reload();
    await page.waitForSelector('[data-testid="mock-run"] .mock-item');
    expect(await page.textContent('[data-testid="mock-progress"]')).toBe("1 of 3 answered");
    expect(await page.textContent("#mock-item-h")).toBe(heading);
    expect(await page.inputValue(box)).toBe("a draft I was typing");
    const after = (await page.textContent('[data-testid="mock-countdown"]')) ?? "";
    const seconds = (text: string) =>
      text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
    expect(seconds(after)).toBeLessThanOrEqual(seconds(before));
    expect(seconds(after)).toBeGreaterThan(0);

    await page.getByRole("button", { name: "End interview" }).click();
    await page.getByRole("button", { name: "End and see the report" }).click();
    await page.waitForSelector('[data-testid="mock-report"]');
    expect(await page.textContent("main")).toContain("ended because you ended it");
    // The set-up offers the last one again.
    await page.goto(`${server.url}/mock`);
    await page.click('[data-testid="same-as-last"]');
    expect(await page.inputValue('[data-testid="mock-questions"]')).toBe("3");
    expect(await page.locator('[data-testid="mock-history"] tbody tr').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, watchErrors } from "./support/browser.ts";
import { captureScreen } from "./support/screens.ts";
import { ensureBuilt, type RunningServer, removeDir, startServer } from "./support/server.ts";

/**
 * The web app against the real server (local mode, a fresh SQLite file) in headless
 * Debian Chromium. Study actions use the keyboard only.
 */

const QUESTION = "list-vs-tuple";

interface QuestionJson {
  question: string;
  answerHtml: string;
  drills: { key: string; expectedOutput: string }[];
  exercises: { key: string; solution: string }[];
  cards: { id: string; kind: string }[];
}

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let question: QuestionJson;
const a11y: string[] = [];

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function pythonReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-python="ready"]', { timeout: 60_000 });
}

async function setEditor(page: Page, code: string): Promise<void> {
  await page.waitForSelector('.editor[data-ready="true"] .cm-content');
  await page.focus(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer();
  browser = await launchBrowser();
  question = await getJson<QuestionJson>(`/api/questions/${QUESTION}`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dir);
  // Every screen was checked as it was visited; report them all at once.
  expect(a11y, a11y.join("\n")).toEqual([]);
});

describe("web app, local mode", () => {
  it("home shows today's session and screens pass axe", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid="new-count"]');
    expect(Number(await page.textContent('[data-testid="new-count"]'))).toBeGreaterThan(0);
    a11y.push(...(await captureScreen(page, "home")));

    await page.keyboard.press("Shift+?");
    await page.waitForSelector("dialog[open]");
    expect(await page.textContent("dialog[open]")).toContain("Rate: Again, Hard, Good, Easy");
    a11y.push(...(await captureScreen(page, "shortcuts")));
    await page.keyboard.press("Escape");
    await page.waitForSelector("dialog[open]", { state: "detached" });

    await page.goto(`${server.url}/settings`);
    await page.waitForSelector('input[type="number"]');
    a11y.push(...(await captureScreen(page, "settings")));

    await page.goto(`${server.url}/no-such-page`);
    await page.waitForSelector("text=Page not found");
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("a new user completes a session of each card kind with the keyboard only", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const drill = question.drills[0];
    const exercise = question.exercises[0];
    if (!drill || !exercise) throw new Error(`${QUESTION} needs a drill and an exercise`);

    // From the question's page: Tab to "Study this" and press Enter.
    await page.goto(`${server.url}/q/${QUESTION}`);
    await page.waitForSelector("text=Study this");
    await page.focus("text=Study this");
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-kind="concept"]');
    expect(await page.textContent('[data-testid="session-progress"]')).toBe(
      `Card 1 of ${question.cards.length}`,
    );

    // Concept: type an answer, reveal with Ctrl+Enter, see touched key points, rate Good.
    await page.focus('[data-kind="concept"] textarea');
    await page.keyboard.type("Lists are mutable; tuples are immutable and hashable.");
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector("#answer-heading");
    expect(await page.textContent('[data-testid="touched"]')).toMatch(/touched [1-9]\d* of/);
    a11y.push(...(await captureScreen(page, "study-concept")));
    await page.keyboard.press("3");

    // Drill: a wrong prediction gets line-by-line credit and a second try; still wrong, the
    // diff is shown and Again suggested (focus on the verdict); override with Hard (2).
    await page.waitForSelector('[data-kind="drill"] textarea:focus');
    await page.keyboard.type("not the output");
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector('[data-testid="line-marks"]');
    expect(await page.textContent('[data-testid="grade"]')).toMatch(/^0 of \d+ lines right/);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector('[data-testid="diff"]');
    expect(await page.textContent('[data-testid="grade"]')).toContain("Not quite");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("grade-heading");
    expect(await page.textContent(".rating-bar button.suggested")).toContain("Again");
    a11y.push(...(await captureScreen(page, "study-drill")));
    await page.keyboard.press("2");

    // Leaving and coming back resumes the session at the same card.
    await page.waitForSelector('[data-kind="exercise"]');
    await page.goto(`${server.url}/`);
    await page.waitForSelector("text=Resume session");
    await page.goto(`${server.url}/study?question=${QUESTION}`);
    await page.waitForSelector('[data-kind="exercise"]');
    expect(await page.textContent('[data-testid="session-progress"]')).toBe(
      `Card 3 of ${question.cards.length}`,
    );

    // Exercise: the starter fails the tests, the solution passes; Enter accepts the suggestion.
    await pythonReady(page);
    await page.waitForSelector('.editor[data-ready="true"]');
    await page.focus(".cm-content");
    await page.keyboard.press("Control+Shift+Enter");
    await page.waitForSelector('[data-testid="grade"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="grade"]')).toContain("✗");
    await setEditor(page, exercise.solution);
    await page.keyboard.press("Control+Shift+Enter");
    await page.waitForFunction(
      () => document.querySelector('[data-testid="grade"]')?.textContent?.includes("✓"),
      null,
      { timeout: 30_000 },
    );
    a11y.push(...(await captureScreen(page, "study-exercise")));
    await page.keyboard.press("Enter");

    // Whatever other cards the question has, rate them Good until the session ends.
    for (let i = 3; i < question.cards.length; i++) {
      const kind = await page.getAttribute("article.card", "data-kind");
      if (kind === "concept") await page.keyboard.press("Space");
      await page.keyboard.press("3");
    }
    await page.waitForSelector('[data-testid="session-done"]');
    await page.waitForSelector('[data-queue="0"]');
    const stats = await getJson<{ totals: { reviews: number } }>("/api/stats");
    expect(stats.totals.reviews).toBe(question.cards.length);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("a run is stopped mid-loop and the next run succeeds; floods are cut off", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/q/${QUESTION}`);
    await pythonReady(page);
    a11y.push(...(await captureScreen(page, "question")));

    await setEditor(page, "while True:\n    pass\n");
    await page.click('.exercise button:text-is("Run")');
    await page.waitForSelector('.exercise button:text-is("Stop")');
    await page.keyboard.press("Escape");
    await page.waitForSelector('[data-limit="stopped"]', { timeout: 10_000 });

    await setEditor(page, "print(6 * 7)");
    await page.click('.exercise button:text-is("Run")');
    await page.waitForFunction(
      () =>
        document.querySelector(".exercise [data-testid='run-output'] pre")?.textContent === "42\n",
      null,
      { timeout: 20_000 },
    );

    await setEditor(page, "while True:\n    print('x' * 1000)\n");
    await page.click('.exercise button:text-is("Run")');
    await page.waitForSelector('[data-limit="output"]', { timeout: 20_000 });

    // The page stayed responsive throughout, and Python still answers.
    await setEditor(page, "print('still here')");
    await page.click('.exercise button:text-is("Run")');
    await page.waitForFunction(
      () =>
        document.querySelector(".exercise [data-testid='run-output'] pre")?.textContent ===
        "still here\n",
      null,
      { timeout: 20_000 },
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("search finds a question by a word in its answer", async () => {
    const page = await browser.context.newPage();
    // "amortised" is in list-vs-tuple's answer, not in its question.
    expect(question.answerHtml).toContain("amortised");
    expect(question.question).not.toContain("amortised");
    await page.goto(`${server.url}/`);
    await page.waitForSelector("h1");
    await page.keyboard.press("/");
    await page.waitForSelector('input[type="search"]:focus');
    await page.keyboard.type("amortised");
    await page.waitForSelector('[data-testid="result-count"]:has-text("matching")');
    await page.waitForSelector(`[data-testid="results"] a[href="/q/${QUESTION}"]`);
    expect(await page.locator('[data-testid="results"] mark').count()).toBeGreaterThan(0);
    a11y.push(...(await captureScreen(page, "library")));
    await page.close();
  }, 60_000);

  it("progress shows the dashboard", async () => {
    // The dashboard's own behaviour is tested in dashboard*.test.ts; here: it loads and passes axe.
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/progress`);
    await page.waitForSelector('[data-testid="dashboard"] [data-testid="stat-mastered"]');
    a11y.push(...(await captureScreen(page, "progress")));
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

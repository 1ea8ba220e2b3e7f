import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, watchErrors } from "./support/browser.ts";
import { captureScreen } from "./support/screens.ts";
import { ensureBuilt, type RunningServer, removeDir, startServer } from "./support/server.ts";

/**
 * The study screens as the walk-through found them (desktop 1280×800, phone 390×844):
 * where the answer and the rating are after a reveal, where a new card starts, what a near
 * miss in a drill earns, and what an exercise suggests and focuses after Submit.
 */

interface Drill {
  key: string;
  title: string;
  expectedOutput: string;
  runsOn: string;
}
interface QuestionJson {
  id: string;
  question: string;
  drills: Drill[];
  exercises: { key: string; starter: string; solution: string; tests: string }[];
  cards: { id: string; kind: string; key?: string }[];
}

const PHONE = { width: 390, height: 844 };
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const a11y: string[] = [];

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** Is the element wholly inside the viewport? */
function inView(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {
      top: r.top,
      bottom: r.bottom,
      height: innerHeight,
      inside: r.top >= 0 && r.bottom <= innerHeight,
    };
  }, selector);
}

async function studyQuestion(page: Page, id: string): Promise<void> {
  await page.evaluate(() => localStorage.removeItem("pyprep.session"));
  await page.goto(`${server.url}/study?question=${id}`);
  await page.waitForSelector("article.card");
}

/** A question whose first drill prints at least four lines and runs in the browser. */
async function fourLineDrill(): Promise<{ question: QuestionJson; drill: Drill }> {
  const list = await getJson<{ items: { id: string }[] }>("/api/questions?limit=500");
  for (const { id } of list.items) {
    const question = await getJson<QuestionJson>(`/api/questions/${id}`);
    const drill = question.drills[0];
    const lines = drill?.expectedOutput.replace(/\n$/, "").split("\n") ?? [];
    if (drill && lines.length >= 4 && lines.every((l) => l.trim() !== "")) {
      if (question.cards[1]?.kind === "drill") return { question, drill };
    }
  }
  throw new Error("the bank has no drill with four lines of output");
}

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dir);
  expect(a11y, a11y.join("\n")).toEqual([]);
});

describe("study: the answer, the rating and the next card", () => {
  for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
    it(`after reveal the answer's heading is focused and in view, the rating reachable (${viewport.width} px)`, async () => {
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      await page.setViewportSize(viewport);
      await page.goto(`${server.url}/`);
      await studyQuestion(page, "list-vs-tuple");
      await page.waitForSelector('[data-kind="concept"]');
      await page.keyboard.press("Space");
      await page.waitForSelector("#answer-heading");
      await page.waitForFunction(() => document.activeElement?.id === "answer-heading");
      const heading = await inView(page, "#answer-heading");
      expect(heading?.inside, JSON.stringify(heading)).toBe(true);
      // The rating bar is on screen while the answer is read, not 2,500 px further down.
      const bar = await inView(page, ".rating-bar");
      expect(bar?.inside, JSON.stringify(bar)).toBe(true);
      // Enter on the focused heading must not rate Again by accident.
      expect(await page.evaluate(() => document.activeElement?.closest(".rating-bar"))).toBeNull();
      // A calm ring: a focused heading is not boxed in orange-red.
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as Element).outlineStyle,
      );
      expect(outline).toBe("none");
      if (viewport.width === PHONE.width)
        a11y.push(...(await captureScreen(page, "study-concept-revealed")));

      // Read to the end of the answer, then rate: the next card starts at the top.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      expect(await page.evaluate(() => scrollY)).toBeGreaterThan(200);
      await page.keyboard.press("3");
      await page.waitForSelector('[data-kind="drill"]');
      await page.waitForFunction(() => document.activeElement?.tagName === "TEXTAREA");
      expect(await page.evaluate(() => scrollY)).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});

describe("drills", () => {
  it("3 of 4 lines right earns partial credit and another attempt; the drill has a name", async () => {
    const { question, drill } = await fourLineDrill();
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await studyQuestion(page, question.id);
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    await page.waitForSelector('[data-kind="drill"] textarea:focus');

    // Named, in sentence case: not the bank's generic lowercase "predict the output".
    const title = (await page.textContent("#card-title"))?.trim() ?? "";
    expect(title).not.toMatch(/^predict the output/i);
    expect(title.charAt(0)).toBe(title.charAt(0).toUpperCase());

    const lines = drill.expectedOutput.replace(/\n$/, "").split("\n");
    const wrong = [...lines];
    wrong[2] = `${wrong[2]} (not this)`;
    await page.keyboard.insertText(wrong.join("\n"));
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector('[data-testid="line-marks"]');
    expect(await page.textContent('[data-testid="grade"]')).toBe(
      `${lines.length - 1} of ${lines.length} lines right`,
    );
    expect(await page.locator('[data-testid="line-marks"] li[data-right="false"]').count()).toBe(1);
    // The answer is not given away yet, and the box can be corrected.
    expect(await page.locator('[data-testid="diff"]').count()).toBe(0);
    expect(await page.getAttribute('[data-kind="drill"] textarea', "readonly")).toBeNull();
    a11y.push(...(await captureScreen(page, "study-drill-partial")));

    await page.fill('[data-kind="drill"] textarea', lines.join("\n"));
    await page.focus('[data-kind="drill"] textarea');
    await page.keyboard.press("Control+Enter");
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="grade"]')?.textContent?.includes("second try"),
    );
    expect(await page.textContent(".rating-bar button.suggested")).toContain("Hard");
    a11y.push(...(await captureScreen(page, "study-drill-revealed")));
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("the diff's caption reads on one line, at desktop and phone widths", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await studyQuestion(page, "list-vs-tuple");
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    await page.waitForSelector('[data-kind="drill"] textarea:focus');
    await page.keyboard.type("no idea");
    await page.keyboard.press("Control+Enter");
    await page.click("button:text-is('Show answer')");
    await page.waitForSelector('[data-testid="diff"]');
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      const lines = await page.evaluate(() => {
        const caption = document.querySelector("#diff-caption") as HTMLElement;
        const lineHeight = Number.parseFloat(getComputedStyle(caption).lineHeight);
        return caption.getBoundingClientRect().height / lineHeight;
      });
      expect(lines, `${width}px`).toBeLessThan(width === 360 ? 2.5 : 1.5);
    }
    await page.close();
  }, 60_000);
});

describe("exercises", () => {
  async function toExercise(page: Page, id: string): Promise<void> {
    await studyQuestion(page, id);
    for (let i = 0; i < 6; i++) {
      const kind = await page.getAttribute("article.card", "data-kind");
      if (kind === "exercise") break;
      if (kind === "concept") await page.keyboard.press("Space");
      if (kind === "drill") {
        await page.keyboard.type("x");
        await page.keyboard.press("Control+Enter");
        await page.keyboard.press("Control+Enter");
      }
      await page.keyboard.press("3");
      await page.waitForFunction(
        (k) =>
          document.querySelector("article.card")?.getAttribute("data-kind") !== k ||
          k === "exercise",
        kind,
      );
    }
    await page.waitForSelector('[data-kind="exercise"] .editor[data-ready="true"]');
    await page.waitForSelector('[data-python="ready"]', { timeout: 60_000 });
  }

  it("after a failing Submit by button focus is on the result; a later pass suggests Hard, not Easy", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const question = await getJson<QuestionJson>("/api/questions/list-vs-tuple");
    await page.goto(`${server.url}/`);
    await toExercise(page, "list-vs-tuple");
    await page.click('.exercise button:text-is("Submit")');
    await page.waitForSelector('[data-testid="grade"]', { timeout: 30_000 });
    await page.waitForFunction(() => document.activeElement?.id === "tests-heading");
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);

    // Fixed quickly (well inside Easy's three minutes), but only at the second Submit.
    await page.focus(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(question.exercises[0]?.solution ?? "");
    await page.keyboard.press("Control+Shift+Enter");
    await page.waitForFunction(
      () => document.querySelector('[data-testid="grade"]')?.textContent?.includes("✓"),
      null,
      { timeout: 30_000 },
    );
    const suggested = await page.textContent(".rating-bar button.suggested");
    expect(suggested).not.toContain("Easy");
    expect(suggested).toContain("Hard");
    expect(errors).toEqual([]);
    await page.close();
  }, 150_000);

  it("a test that evals a default repr quotes the line, so the SyntaxError reads as what it is", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await toExercise(page, "str-vs-repr");
    await page.click('.exercise button:text-is("Submit")');
    await page.waitForSelector('[data-testid="grade"]', { timeout: 30_000 });
    const failure = await page.textContent('.tests li:has(code:text-is("test_repr_round_trips"))');
    expect(failure).toContain("SyntaxError");
    expect(failure).toContain("tests.py line 9:");
    expect(failure).toContain("p = eval(repr(Point(1.5, 2)))");
    a11y.push(...(await captureScreen(page, "study-exercise-failed")));
    await page.close();
  }, 150_000);

  it("on a phone a long editor line shows a scroll cue", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/`);
    await toExercise(page, "list-vs-tuple");
    await page.focus(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("x = 1\n");
    await page.waitForFunction(() => !document.querySelector(".exercise .editor[data-more-right]"));
    await page.keyboard.insertText(
      `result = count_routes([["LHR", "JFK"], ["JFK", "LHR"], ["LHR", "JFK"]])  # long\n`,
    );
    await page.keyboard.press("Control+Home");
    await page.waitForSelector(".exercise .editor[data-more-right]");
    // The cue fades in (a 0.15 s transition): on a loaded machine the first read lands midway.
    const shown = await page
      .waitForFunction(
        () =>
          getComputedStyle(document.querySelector(".exercise .editor") as Element, "::after")
            .opacity === "1",
        undefined,
        { timeout: 5_000 },
      )
      .then(() => true)
      .catch(() => false);
    expect(shown).toBe(true);
    await page.close();
  }, 150_000);
});

import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchBrowser, watchErrors } from "./support/browser.ts";
import { captureScreen, SHOTS_DIR } from "./support/screens.ts";
import { ensureBuilt, type RunningServer, removeDir, startServer } from "./support/server.ts";

/** Library, home and settings as the walk-through found them; the favicon; printing. */

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let other: Browser;
const a11y: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer();
  browser = await launchBrowser();
  other = await chromium.launch(CHROMIUM);
}, 180_000);

afterAll(async () => {
  await other?.close();
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dir);
  expect(a11y, a11y.join("\n")).toEqual([]);
});

describe("library", () => {
  it("search snippets read as prose: no Markdown residue", async () => {
    const page = await browser.context.newPage();
    for (const q of ["sys", "io", "tuple"]) {
      await page.goto(`${server.url}/library?q=${q}`);
      await page.waitForSelector('[data-testid="results"] .highlight');
      const snippets = await page.locator('[data-testid="results"] .highlight').allTextContents();
      for (const snippet of snippets) {
        expect(snippet, q).not.toMatch(/\(\s|\s\)|(^|[.:;]\s*)- \S|\s- [A-Z]/);
      }
    }
    await page.close();
  }, 60_000);

  it("0 questions offers to clear the filters and the search; levels are Title Case", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/library?q=qqzzyyxx&level=expert`);
    await page.waitForSelector('[data-testid="no-results"]');
    a11y.push(...(await captureScreen(page, "library-empty")));
    await page.click("button:text-is('Clear filters')");
    await page.waitForFunction(() => !location.search.includes("level="));
    await page.click("button:text-is('Clear the search')");
    await page.waitForSelector('[data-testid="results"] li');
    const levels = await page.locator("select:near(:text('Level')) option").allTextContents();
    expect(levels).toEqual(expect.arrayContaining(["Fresher", "Intermediate", "Expert"]));
    expect(await page.locator(".badge.level-fresher").first().textContent()).toBe("Fresher");
    await page.close();
  }, 60_000);
});

describe("home", () => {
  it("plural streak, the level default explained, one primary action, a compact phone header", async () => {
    const page = await browser.context.newPage();
    const missing: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid="streak"]');
    expect(await page.textContent('[data-testid="streak"]')).toBe("0 days");
    expect(await page.textContent('[data-testid="level-note"]')).toContain("Fresher first");
    expect(await page.locator("main .primary").count()).toBe(1);
    const header = await page.evaluate(
      () => document.querySelector(".site-header")?.getBoundingClientRect().height ?? 0,
    );
    expect(header).toBeLessThanOrEqual(110);
    // The favicon is there (no 404 on every load), and the app can be installed.
    expect(missing).toEqual([]);
    expect(await page.getAttribute('link[rel="icon"]', "href")).toBe("/favicon.svg");
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({
      name: expect.stringContaining("PyPrep"),
      display: "standalone",
    });
    expect((await fetch(`${server.url}/favicon.svg`)).status).toBe(200);

    // A session in progress: Resume is the one primary action.
    await page.goto(`${server.url}/study?question=list-vs-tuple`);
    await page.waitForSelector('[data-kind="concept"]');
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    await page.waitForSelector('[data-kind="drill"]');
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid="resume-note"]');
    expect(await page.locator("main .primary").allTextContents()).toEqual(["Resume session"]);
    a11y.push(...(await captureScreen(page, "home-resume")));
    await page.close();
  }, 90_000);
});

describe("not found and the phone menu", () => {
  it("an unknown address says so with a way back; the menu on a phone shows there is more", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.url}/no-such-page`);
    await page.waitForSelector("h1");
    expect(await page.textContent("main h1")).toBe("Page not found");
    expect(await page.locator('main a[href="/library"]').count()).toBe(1);
    expect(await page.locator('main a[href="/"]').count()).toBe(1);

    // All the menu's links do not fit at 360 px: the menu scrolls, and an edge shadow says so.
    const nav = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>(".site-header nav");
      if (!el) return null;
      return {
        overflows: el.scrollWidth > el.clientWidth,
        background: getComputedStyle(el).backgroundImage,
        pageWidth: document.documentElement.scrollWidth,
      };
    });
    expect(nav).not.toBeNull();
    expect(nav?.pageWidth).toBeLessThanOrEqual(360);
    if (nav?.overflows) expect(nav.background).toContain("radial-gradient");
    // The last link is reachable by keyboard and scrolled into view when focused.
    const last = page.locator(".site-header nav a").last();
    await last.focus();
    const box = await last.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(361);
    a11y.push(...(await captureScreen(page, "not-found")));
    await page.close();
  }, 90_000);
});

describe("settings", () => {
  it("the theme has one source of truth: a second browser paints what the first chose", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/settings`);
    await page.check('input[name="theme"][value="dark"]');
    await page.waitForSelector("output:has-text('Saved')");

    const fresh = await other.newContext({ colorScheme: "light" });
    const second = await fresh.newPage();
    await second.goto(`${server.url}/settings`);
    await second.waitForSelector('input[name="theme"]');
    await second.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    expect(await second.isChecked('input[name="theme"][value="dark"]')).toBe(true);
    const background = await second.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    );
    expect(background).not.toBe("rgb(246, 247, 249)");
    await fresh.close();

    await page.check('input[name="theme"][value="system"]');
    await page.waitForSelector("output:has-text('Same as the system')");
    await page.close();
  }, 60_000);

  it("a bad import file gets a clear message, never a raw JSON.parse error", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/settings`);
    const input = page.locator('input[type="file"]');
    await input.setInputFiles({
      name: "cut-short.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"format": "pyprep-progress", "reviews": [{"cardId": "li'),
    });
    await page.click("button:text-is('Import')");
    const status = page.locator('[data-testid="import-status"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="import-status"]')?.textContent,
    );
    const cut = (await status.textContent()) ?? "";
    expect(cut).toContain("“cut-short.json” is not a PyPrep progress file");
    expect(cut).toContain("ends early");
    expect(cut).not.toMatch(/JSON\.parse|Unexpected|position \d/);

    await input.setInputFiles({
      name: "other-tool.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"deck": "someone else", "cards": []}'),
    });
    await page.click("button:text-is('Import')");
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="import-status"]')
        ?.textContent?.startsWith("Import failed"),
    );
    const foreign = (await status.textContent()) ?? "";
    expect(foreign).not.toMatch(/JSON\.parse|Unexpected token/);
    expect(foreign.length).toBeGreaterThan("Import failed: ".length + 10);
    a11y.push(...(await captureScreen(page, "settings-import-error")));
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe("print", () => {
  it("a question and the library print clean: no navigation, whole code blocks, link URLs", async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const page = await browser.context.newPage();
    for (const [name, url, ready] of [
      ["question", "/q/list-vs-tuple", "pre.code"],
      ["library", "/library", '[data-testid="results"] li'],
    ] as const) {
      await page.goto(`${server.url}${url}`);
      await page.waitForSelector(ready);
      await page.emulateMedia({ media: "print" });
      const printed = await page.evaluate(() => {
        const shown = (sel: string) =>
          [...document.querySelectorAll(sel)].some((el) => getComputedStyle(el).display !== "none");
        const link = document.querySelector<HTMLAnchorElement>('main a[href^="/"]');
        const pre = document.querySelector("pre.code");
        return {
          nav: shown(".site-header, nav, .site-footer"),
          buttons: shown("main button"),
          linkAfter: link ? getComputedStyle(link, "::after").content : "",
          linkHref: link?.href ?? "",
          preBreak: pre ? getComputedStyle(pre).breakInside : "avoid",
          preWrap: pre ? getComputedStyle(pre).whiteSpace : "pre-wrap",
        };
      });
      expect(printed.nav, name).toBe(false);
      expect(printed.buttons, name).toBe(false);
      expect(printed.linkAfter, name).toContain(printed.linkHref);
      expect(printed.preBreak, name).toBe("avoid");
      expect(printed.preWrap, name).toBe("pre-wrap");
      const pdf = await page.pdf({ path: path.join(SHOTS_DIR, `${name}-print.pdf`), format: "A4" });
      expect(pdf.byteLength).toBeGreaterThan(10_000);
      await page.emulateMedia({ media: "screen" });
    }
    await page.close();
  }, 90_000);
});

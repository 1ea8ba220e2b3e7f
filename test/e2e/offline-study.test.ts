import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, watchErrors } from "./support/browser.ts";
import { captureScreen } from "./support/screens.ts";
import { ensureBuilt, type RunningServer, removeDir, startServer } from "./support/server.ts";

/**
 * Installable and offline: after one visit the service worker has the app shell, the bank
 * and Pyodide, so with the browser's network blocked a candidate reloads, studies three
 * cards (running the exercise's tests in Python) and rates them; the reviews wait in
 * IndexedDB and reach the server exactly once when the network is back.
 */

const QUESTION = "list-vs-tuple";
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const a11y: string[] = [];

interface QuestionJson {
  drills: { expectedOutput: string }[];
  exercises: { solution: string }[];
  cards: { id: string }[];
}

async function reviewCount(): Promise<number> {
  const response = await fetch(`${server.url}/api/stats`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { totals: { reviews: number } }).totals.reviews;
}

/** Waits until the service worker controls the page and has cached what offline study needs. */
async function waitForOfflineReady(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
    timeout: 30_000,
  });
  await page.waitForFunction(
    async (id) => {
      const names = await caches.keys();
      const pyodide = names.find((name) => name.startsWith("pyprep-shell-pyodide-"));
      if (!pyodide || !names.some((name) => name.startsWith("pyprep-shell-precache"))) return false;
      const wasm = await (await caches.open(pyodide)).match("/pyodide/pyodide.asm.wasm");
      const api = await caches.open("pyprep-shell-api");
      const question = await api.match(`/api/questions/${id}`, { ignoreVary: true });
      const list = await api.match("/api/questions?limit=500", { ignoreVary: true });
      return !!(wasm && question && list);
    },
    QUESTION,
    { timeout: 60_000, polling: 500 },
  );
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

it("the app is installable: a manifest with icons, and a service worker for the whole origin", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  const href = await page.getAttribute('link[rel="manifest"]', "href");
  const manifest = (await (await fetch(`${server.url}${href}`)).json()) as {
    icons: { src: string; sizes: string; purpose?: string }[];
    start_url: string;
    display: string;
  };
  expect(manifest.display).toBe("standalone");
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(
    expect.arrayContaining(["192x192", "512x512"]),
  );
  expect(manifest.icons.some((icon) => icon.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) {
    expect((await fetch(`${server.url}${icon.src}`)).status, icon.src).toBe(200);
  }
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${server.url}/`);
  await page.close();
}, 60_000);

it("offline study of three cards, then reconnect: exactly three reviews on the server", async () => {
  const question = (await (
    await fetch(`${server.url}/api/questions/${QUESTION}`)
  ).json()) as QuestionJson;
  const drill = question.drills[0];
  const exercise = question.exercises[0];
  if (!drill || !exercise || question.cards.length !== 3) {
    throw new Error(`${QUESTION} needs exactly a concept, a drill and an exercise card`);
  }
  const page = await browser.context.newPage();
  const errors = watchErrors(page);

  // The first visit, online: the session is built and the service worker fills its caches.
  await page.goto(`${server.url}/study?question=${QUESTION}`);
  await page.waitForSelector('[data-kind="concept"]');
  await waitForOfflineReady(page);
  expect(await reviewCount()).toBe(0);

  // The network goes away (in the browser: the page, its workers and the service worker).
  await browser.context.setOffline(true);
  // Chromium applies the emulation to the service worker a moment later: wait (bounded)
  // until a request from the page really fails, or say what still answered.
  const probe = await page.evaluate(async () => {
    let last = "";
    for (let i = 0; i < 50; i++) {
      last = await fetch(`/api/stats?probe=${Date.now()}`).then(
        (r) => `answered ${r.status}`,
        () => "failed",
      );
      if (last === "failed") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return last;
  });
  expect(probe).toBe("failed");

  // A reload still opens the app, cross-origin isolated (Stop works), at the same card.
  await page.reload();
  await page.waitForSelector('[data-kind="concept"]');
  await page.waitForSelector('[data-offline="true"]');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.textContent('[data-testid="session-progress"]')).toBe("Card 1 of 3");
  a11y.push(...(await captureScreen(page, "offline-study")));

  await page.keyboard.press("Space");
  await page.keyboard.press("3");
  await page.waitForSelector('[data-kind="drill"] textarea:focus');
  await page.keyboard.insertText(drill.expectedOutput);
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="grade"]')?.textContent?.includes("Correct"),
  );
  await page.keyboard.press("Enter");

  // The exercise's tests run in Pyodide, loaded from the service worker's cache.
  await page.waitForSelector('[data-kind="exercise"] .editor[data-ready="true"] .cm-content');
  await page.waitForSelector('[data-python="ready"]', { timeout: 60_000 });
  await page.focus(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(exercise.solution);
  await page.keyboard.press("Control+Shift+Enter");
  await page.waitForFunction(
    () => document.querySelector('[data-testid="grade"]')?.textContent?.includes("✓"),
    null,
    { timeout: 30_000 },
  );
  await page.keyboard.press("Enter");
  await page.waitForSelector('[data-testid="session-done"]');

  // The header says so; the server has nothing yet.
  await page.waitForSelector('[data-offline="true"][data-queue="3"]');
  expect(await page.textContent('[data-offline="true"]')).toContain("Offline · 3 reviews waiting");
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("pyprep-review-queue");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction("pending").objectStore("pending").count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
  expect(stored).toBe(3);
  expect(await page.evaluate(() => localStorage.getItem("pyprep.reviewQueue"))).toBeNull();
  expect(await reviewCount()).toBe(0);
  a11y.push(...(await captureScreen(page, "offline-done")));

  // Back online: sent once, in order; the count stays at three.
  await browser.context.setOffline(false);
  await page.waitForSelector('[data-queue="0"]:not([data-offline])', { timeout: 30_000 });
  expect(await reviewCount()).toBe(3);
  await page.waitForTimeout(4000);
  expect(await reviewCount()).toBe(3);
  expect(errors).toEqual([]);
  await page.close();
}, 240_000);

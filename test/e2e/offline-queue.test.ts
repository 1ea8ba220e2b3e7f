import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { ensureBuilt, type RunningServer, removeDir, startServer } from "./support/server.ts";

/**
 * Reviews made while the server is down wait in the browser with their idempotency keys
 * and are delivered when it comes back: each exactly once, even when sent again.
 */

const QUESTION = "list-vs-tuple";
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

async function reviewCount(): Promise<number> {
  const response = await fetch(`${server.url}/api/stats`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { totals: { reviews: number } }).totals.reviews;
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
});

it("the offline queue delivers reviews exactly once after the server comes back", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/study?question=${QUESTION}`);
  await page.waitForSelector('[data-kind="concept"]');
  const drill = (
    (await (await fetch(`${server.url}/api/questions/${QUESTION}`)).json()) as {
      drills: { expectedOutput: string }[];
    }
  ).drills[0];
  if (!drill) throw new Error(`${QUESTION} needs a drill`);

  // The server dies (nothing it acknowledged is at stake: it has acknowledged nothing yet).
  const { port, sqlitePath } = server;
  await server.stop("SIGKILL");

  // Study on: a concept card and a drill, rated while the server is unreachable.
  await page.keyboard.press("Space");
  await page.keyboard.press("4");
  await page.waitForSelector('[data-kind="drill"] textarea:focus');
  await page.keyboard.type(drill.expectedOutput);
  await page.keyboard.press("Control+Enter");
  await page.waitForSelector('[data-testid="grade"]');
  expect(await page.textContent('[data-testid="grade"]')).toContain("Correct");
  await page.keyboard.press("Enter");
  await page.waitForSelector('[data-queue="2"]');
  // The server is unreachable: the header says so, and how many wait.
  expect(await page.textContent("[data-queue]")).toContain("Offline · 2 reviews waiting");

  // The same server comes back on the same port and database; the queue drains by itself.
  server = await startServer({ port, sqlitePath });
  await page.waitForSelector('[data-queue="0"]', { timeout: 30_000 });
  expect(await reviewCount()).toBe(2);

  // A retry of an already delivered review (as after a lost answer) counts once.
  const delivered = await page.evaluate(async () => {
    const key = crypto.randomUUID();
    const body = { cardId: "list-vs-tuple", rating: 3, idempotencyKey: key, durationMs: 1000 };
    const send = () =>
      fetch("/api/reviews", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ duplicate: boolean }>);
    const first = await send();
    // Put it back into the queue as if its answer had been lost, then reload to flush.
    localStorage.setItem(
      "pyprep.reviewQueue",
      JSON.stringify([{ body, owner: "local", queuedAt: new Date().toISOString(), attempts: 1 }]),
    );
    return first.duplicate;
  });
  expect(delivered).toBe(false);
  await page.reload();
  await page.waitForSelector('[data-queue="0"]', { timeout: 30_000 });
  expect(await reviewCount()).toBe(3);
  await page.close();
}, 180_000);

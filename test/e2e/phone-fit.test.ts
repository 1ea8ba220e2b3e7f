import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { sidewaysOverflow } from "./support/screens.ts";
import { ensureBuilt, type RunningServer, removeDir, startServer } from "./support/server.ts";

/**
 * Bank text that once pushed a phone's page sideways: a key point with a long unbroken
 * run (DEBUG/INFO/WARNING/ERROR/CRITICAL) and answers whose code blocks are wider than
 * the screen. Each question page and the mock report that shows them must reflow at
 * 360 px, with a code block scrolling inside its own box, reachable by keyboard.
 */

const QUESTIONS = [
  "logging-levels-handlers-basics",
  "custom-exception-hierarchies",
  "run-length-string-compression",
];

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dir);
});

async function post(pathname: string, body?: unknown): Promise<Response> {
  const res = await fetch(`${server.url}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, pathname).toBeLessThan(300);
  return res;
}

it("question pages with long key points and wide answer code fit a phone", async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  for (const id of QUESTIONS) {
    await page.goto(`${server.url}/q/${id}`);
    await page.waitForSelector("main h1");
    expect(await sidewaysOverflow(page), id).toBeNull();
  }
  // The answer's code blocks take the focus, so a keyboard can scroll them.
  const blocks = await page
    .locator("main pre:not([class])")
    .evaluateAll((pres) => pres.map((pre) => (pre as HTMLElement).tabIndex));
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.every((index) => index === 0)).toBe(true);
  await page.close();
}, 120_000);

it("a mock report missing those key points fits a phone", async () => {
  const logging = (await (await fetch(`${server.url}/api/questions/${QUESTIONS[0]}`)).json()) as {
    level: string;
    topics: string[];
  };
  const mock = (await (
    await post("/api/mocks", { levels: [logging.level], topics: logging.topics, questions: 40 })
  ).json()) as {
    id: string;
    items: { questionId: string; kind: string }[];
  };
  const wanted = mock.items.filter(
    (item) => item.kind === "concept" && QUESTIONS.includes(item.questionId),
  );
  expect(wanted.map((item) => item.questionId)).toContain(QUESTIONS[0]);
  for (const item of wanted) {
    await post(`/api/mocks/${encodeURIComponent(mock.id)}/answers`, {
      questionId: item.questionId,
      kind: "concept",
      text: "no key point at all",
      rating: 1,
      durationMs: 1000,
    });
  }
  await post(`/api/mocks/${encodeURIComponent(mock.id)}/finish`);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`${server.url}/mock/${encodeURIComponent(mock.id)}`);
  await page.waitForSelector('[data-testid="mock-report"]');
  expect(await page.locator('[data-testid="missed-points"]').count()).toBeGreaterThan(0);
  expect(await sidewaysOverflow(page)).toBeNull();
  await page.close();
}, 120_000);

import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, watchErrors } from "./support/browser.ts";
import { captureScreen } from "./support/screens.ts";
import { ensureBuilt, type RunningServer, removeDir, startServer } from "./support/server.ts";

/** Hosted mode: accounts, a public library, and progress that survives signing out. */

const QUESTION = "list-vs-tuple";
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const a11y: string[] = [];

async function fill(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: false }).first().fill(value);
}

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer({ mode: "hosted" });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dir);
  expect(a11y, a11y.join("\n")).toEqual([]);
});

it("sign-up → study → sign-out → sign-in keeps progress", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const email = `e2e-${Date.now()}@example.com`;
  const password = "correct horse battery staple";

  // Without an account: the question page is readable, study asks for an account.
  await page.goto(`${server.url}/q/${QUESTION}`);
  await page.waitForSelector("#question-title");
  await page.goto(`${server.url}/study`);
  await page.waitForSelector("text=Sign in to study");
  a11y.push(...(await captureScreen(page, "hosted-signed-out")));

  await page.goto(`${server.url}/sign-up`);
  await page.waitForSelector("form.auth");
  a11y.push(...(await captureScreen(page, "sign-up")));
  await fill(page, "Email", email);
  await fill(page, "Password", password);
  await page.keyboard.press("Enter");
  await page.waitForSelector('[data-testid="new-count"]');

  // Study one concept card of the question.
  await page.goto(`${server.url}/study?question=${QUESTION}`);
  await page.waitForSelector('[data-kind="concept"]');
  await page.keyboard.press("Space");
  await page.keyboard.press("3");
  await page.waitForSelector('[data-kind="drill"]');
  await page.waitForSelector('[data-queue="0"]');

  await page.goto(`${server.url}/account`);
  await page.waitForSelector('[data-testid="account-email"]');
  expect(await page.textContent('[data-testid="account-email"]')).toBe(email);
  a11y.push(...(await captureScreen(page, "account")));
  await page.click("button:text-is('Sign out')");
  await page.waitForSelector("form.auth");
  a11y.push(...(await captureScreen(page, "sign-in")));

  // Signed out, the API refuses personal data.
  const status = await page.evaluate(() => fetch("/api/stats").then((r) => r.status));
  expect(status).toBe(401);

  await fill(page, "Email", email);
  await fill(page, "Password", password);
  await page.keyboard.press("Enter");
  await page.waitForSelector('[data-testid="new-count"]');

  await page.goto(`${server.url}/progress`);
  await page.waitForSelector('[data-testid="dashboard"]');
  const reviews = await page.evaluate(() =>
    fetch("/api/stats")
      .then((r) => r.json())
      .then((s: { totals: { reviews: number } }) => s.totals.reviews),
  );
  expect(reviews).toBe(1);
  await page.goto(`${server.url}/library?q=amortised`);
  await page.waitForSelector(`[data-testid="results"] a[href="/q/${QUESTION}"]`);
  expect(
    await page.textContent(`[data-testid="results"] li:has(a[href="/q/${QUESTION}"]) .meta`),
  ).toMatch(/learning|due/i);

  // Deleting the account signs out and removes it: signing in again fails.
  await page.goto(`${server.url}/account`);
  await page.waitForSelector("form.danger-zone");
  await page.locator("form.danger-zone input[type=password]").fill(password);
  await page.click("button:text-is('Delete my account')");
  await page.waitForSelector("form.auth");
  await fill(page, "Email", email);
  await fill(page, "Password", password);
  await page.keyboard.press("Enter");
  await page.waitForSelector("form.auth [role=alert]");
  expect(errors).toEqual([]);
  await page.close();
}, 180_000);

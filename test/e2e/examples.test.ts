import { type Browser, chromium, type Route } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CHROMIUM, launchBrowser, watchErrors } from "./support/browser.ts";
import { captureScreen } from "./support/screens.ts";
import { ensureBuilt, type RunningServer, removeDir, startServer } from "./support/server.ts";

/**
 * A question page's examples: highlighted as the editor highlights, editable in place
 * (CodeMirror loads then), run as edited, reset to the original; and what Run and the
 * header say while Python is still loading or a program still runs.
 */

const QUESTION = "list-vs-tuple";
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let bare: Browser;
const a11y: string[] = [];

interface QuestionJson {
  examples: { code: string; expectedOutput: string }[];
}

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer();
  browser = await launchBrowser();
  bare = await chromium.launch(CHROMIUM);
}, 180_000);

afterAll(async () => {
  await bare?.close();
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dir);
  expect(a11y, a11y.join("\n")).toEqual([]);
});

it("an example is edited in place, run, and reset to the original", async () => {
  const question = (await (
    await fetch(`${server.url}/api/questions/${QUESTION}`)
  ).json()) as QuestionJson;
  const original = question.examples[0];
  if (!original) throw new Error(`${QUESTION} needs an example`);
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/q/${QUESTION}`);
  const example = page.locator("section.runnable").first();

  // Read-only code carries the editor's own highlight classes.
  await example.locator("pre.code code[data-highlighted]").waitFor();
  const readOnlyClasses = await example
    .locator("pre.code [class^='syn-']")
    .evaluateAll((els) => [...new Set(els.map((el) => el.className))]);
  expect(readOnlyClasses).toContain("syn-keyword");
  await page.waitForSelector('[data-python="ready"]', { timeout: 60_000 });
  a11y.push(...(await captureScreen(page, "question")));

  await example.locator("button:text-is('Edit')").click();
  await example.locator('.editor[data-ready="true"] .cm-content').waitFor();
  await page.waitForFunction(() => document.activeElement?.closest(".cm-content") !== null);
  const editorClasses = await example
    .locator(".cm-content [class*='syn-']")
    .evaluateAll((els) => [
      ...new Set(els.flatMap((el) => [...el.classList].filter((c) => c.startsWith("syn-")))),
    ]);
  expect(editorClasses).toEqual(expect.arrayContaining(readOnlyClasses));

  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText("print(6 * 7)\n");
  await example.locator(".tag:text-is('Edited')").waitFor();
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(
    () =>
      document.querySelector("section.runnable [data-testid='run-output'] pre")?.textContent ===
      "42\n",
    null,
    { timeout: 20_000 },
  );
  // An edited example is not compared with the verified output of the original.
  expect(await example.locator("text=verified output").count()).toBe(0);
  a11y.push(...(await captureScreen(page, "question-example-edited")));

  await example.locator("button:text-is('Reset')").click();
  await page.waitForFunction(() => !document.querySelector("section.runnable .tag"));
  const text = (await example.locator(".cm-content .cm-line").allTextContents()).join("\n");
  expect(text.trim()).toBe(original.code.trim());
  await page.keyboard.press("Control+Enter");
  await example.locator("text=Matches the verified output").waitFor({ timeout: 20_000 });
  expect(errors).toEqual([]);
  await page.close();
}, 120_000);

it("Run before Python is ready says it is starting Python; the header says loading", async () => {
  // A fresh browser without the service worker, and Pyodide's binary held back until the
  // test lets it through, so "before Python is ready" is certain, not a race.
  const context = await bare.newContext({ serviceWorkers: "block" });
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await context.route("**/pyodide/pyodide.asm.wasm", async (route: Route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/q/${QUESTION}`);
  const run = page.locator("section.runnable").first().locator("button.run");
  await run.waitFor();
  expect(await page.getAttribute("[data-python]", "data-python")).toBe("loading");
  await run.click();
  await page.waitForFunction(() =>
    document.querySelector("section.runnable button.run")?.textContent?.includes("Starting Python"),
  );
  expect(await page.getAttribute("[data-python]", "data-python")).toBe("loading");
  expect(await page.textContent("[data-python]")).toContain("loading");
  release();
  await page
    .locator("section.runnable [data-testid='run-output']")
    .first()
    .waitFor({ timeout: 60_000 });
  await page.waitForSelector('[data-python="ready"]');
  await context.close();
}, 120_000);

it("Ctrl+Enter while a program runs is answered, not ignored", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/q/${QUESTION}`);
  await page.waitForSelector('[data-python="ready"]', { timeout: 60_000 });
  const example = page.locator("section.runnable").first();
  await example.locator("button:text-is('Edit')").click();
  await example.locator('.editor[data-ready="true"] .cm-content').waitFor();
  await page.waitForFunction(() => document.activeElement?.closest(".cm-content") !== null);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText("while True:\n    pass\n");
  await page.keyboard.press("Control+Enter");
  await example.locator("button:text-is('Stop')").waitFor();
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() =>
    document
      .querySelector("section.runnable [data-testid='run-notice']")
      ?.textContent?.includes("Still running"),
  );
  await page.keyboard.press("Escape");
  await page.waitForSelector('section.runnable [data-limit="stopped"]', { timeout: 10_000 });
  await page.close();
}, 90_000);

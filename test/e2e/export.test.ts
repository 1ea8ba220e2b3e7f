import { readFileSync } from "node:fs";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noteGuid } from "../../src/export/anki/ids.ts";
import { openApkg } from "../export/support/apkg.ts";
import { CHROMIUM, launchBrowser, watchErrors } from "./support/browser.ts";
import { captureScreen } from "./support/screens.ts";
import { ensureBuilt, type RunningServer, removeDir, startServer } from "./support/server.ts";

/**
 * The Anki download button in the built web app against a real local server, in headless
 * Chromium, driven from the keyboard: the file the browser saves must be a package with
 * the bank's notes.
 */

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
const problems: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dir);
  expect(problems, problems.join("\n")).toEqual([]);
});

async function openPage(route: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}${route}`);
  await page.getByRole("button", { name: "Download Anki deck" }).waitFor();
  return { page, errors };
}

/** Focuses the button with the keyboard's Tab order and presses Enter; returns the saved file. */
async function downloadWithKeyboard(page: Page) {
  const button = page.getByRole("button", { name: "Download Anki deck" });
  await button.focus();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.keyboard.press("Enter"),
  ]);
  const file = path.join(server.dir, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), apkg: openApkg(readFileSync(file)) };
}

describe("the Anki download button", () => {
  it("on the Library downloads the deck of the level and topic filtered to", async () => {
    const { page, errors } = await openPage("/library?level=fresher&topic=data-structures");
    // The topic's title, once the topics have loaded.
    await page.getByText("Fresher · Data structures: an .apkg file for Anki").waitFor();
    const { name, apkg } = await downloadWithKeyboard(page);
    expect(name).toBe("pyprep-fresher-data-structures.apkg");
    expect(apkg.col.ver).toBe(11);
    const response = await fetch(
      `${server.url}/api/questions?level=fresher&topic=data-structures&limit=500`,
    );
    const { items } = (await response.json()) as { items: { id: string }[] };
    const concepts = items.map((item) => noteGuid(item.id));
    expect(concepts.length).toBeGreaterThan(0);
    for (const guid of concepts) expect(apkg.byGuid.has(guid), guid).toBe(true);
    expect(
      new Set(apkg.notes.map((n) => n.tags.find((t) => t.startsWith("PyPrep::level::")))),
    ).toEqual(new Set(["PyPrep::level::fresher"]));
    await page.getByTestId("anki-download-done").waitFor();
    expect(await page.getByTestId("anki-download-done").textContent()).toContain(
      "Saved pyprep-fresher-data-structures.apkg",
    );
    // The button keeps focus, so it can be pressed again without the mouse.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      "Download Anki deck",
    );
    problems.push(...(await captureScreen(page, "export-library")));
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("on Settings downloads the whole bank", async () => {
    const { page, errors } = await openPage("/settings");
    await page.getByRole("heading", { name: "Anki deck" }).waitFor();
    const { name, apkg } = await downloadWithKeyboard(page);
    expect(name).toBe("pyprep.apkg");
    expect(
      Object.values(apkg.decks)
        .map((d) => (d as { name: string }).name)
        .sort(),
    ).toEqual(["Default", "PyPrep", "PyPrep::Expert", "PyPrep::Fresher", "PyPrep::Intermediate"]);
    expect(apkg.byGuid.has(noteGuid("list-vs-tuple"))).toBe(true);
    expect(apkg.byGuid.has(noteGuid("list-vs-tuple/drill-1"))).toBe(true);
    problems.push(...(await captureScreen(page, "export-settings")));
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("says what went wrong when the server refuses or cannot be reached", async () => {
    // A browser without the service worker, whose fetches page routes could not see.
    const bare = await chromium.launch(CHROMIUM);
    const context = await bare.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${server.url}/settings`);
    const pattern = "**/api/export/anki*";
    await context.route(pattern, (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: "the server is busy", details: [] }),
      }),
    );
    try {
      await page.getByRole("button", { name: "Download Anki deck" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "Anki deck" });
      await alert.waitFor();
      expect(await alert.textContent()).toBe(
        "Could not download the Anki deck: the server is busy",
      );
      await context.unroute(pattern);
      await context.route(pattern, (route) => route.abort("internetdisconnected"));
      await page.getByRole("button", { name: "Download Anki deck" }).click();
      await page.getByRole("alert").filter({ hasText: "could not be reached" }).waitFor();
    } finally {
      await bare.close();
    }
  }, 60_000);
});

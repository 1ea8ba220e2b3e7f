import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, watchErrors } from "./support/browser.ts";
import { freePort, ROOT } from "./support/server.ts";

/**
 * How the browser's Python starts (src/web/python): restored from the memory snapshot the
 * build made, with what must not come from the build machine re-done; kept in Cache
 * Storage; and a Run pressed before Python is ready waits, saying so. The app is built
 * afresh into a temporary directory, so this checks this checkout's build, not whatever
 * dist/web holds.
 */

const QUESTION = "list-vs-tuple";
const PROBE = [
  "import random, sys, time",
  "print(random.random(), time.timezone, time.tzname[0], sys.executable, sys.path.count(''))",
].join("\n");

let dir: string;
let url: string;
let server: ChildProcess;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pyprep-python-startup-"));
  const webDir = path.join(dir, "web");
  const vite = path.join(ROOT, "node_modules/vite/bin/vite.js");
  const build = spawnSync(process.execPath, [vite, "build", "--outDir", webDir], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(build.status, build.stderr).toBe(0);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PYPREP_MODE: "local", PYPREP_LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  server = spawn(
    process.execPath,
    [
      path.join(ROOT, "bin/pyprep.js"),
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--db",
      path.join(dir, "db.sqlite"),
      "--web-dir",
      webDir,
    ],
    { cwd: ROOT, env, stdio: "ignore" },
  );
  for (const deadline = Date.now() + 90_000; ; ) {
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error("server not ready");
    await new Promise((done) => setTimeout(done, 200));
  }
  browser = await chromium.launch(CHROMIUM);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((done) => server.once("exit", done));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setEditor(page: Page, code: string): Promise<void> {
  await page.waitForSelector('.editor[data-ready="true"] .cm-content');
  await page.focus(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

const output = (page: Page) =>
  page.textContent(".exercise [data-testid='run-output'] pre", { timeout: 30_000 });

async function runProbe(page: Page): Promise<string[]> {
  await page.waitForSelector('[data-python="ready"]', { timeout: 60_000 });
  await setEditor(page, PROBE);
  await page.click('.exercise button:text-is("Run")');
  await page.waitForFunction(
    () =>
      /\d/.test(
        document.querySelector(".exercise [data-testid='run-output'] pre")?.textContent ?? "",
      ),
    null,
    { timeout: 30_000 },
  );
  return ((await output(page)) ?? "").trim().split(" ");
}

describe("Python in the browser starts from the build's snapshot", () => {
  it("restores it, reseeds random, takes the browser's time zone, and keeps it in Cache Storage", async () => {
    const seen: string[] = [];
    const results: Record<string, string[][]> = {};
    for (const timezoneId of ["Asia/Kolkata", "America/New_York"]) {
      const context = await browser.newContext({ timezoneId });
      context.on("request", (request) => {
        if (request.url().includes("/assets/python-snapshot-")) seen.push(request.url());
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${url}/q/${QUESTION}`);
      const first = await runProbe(page);
      const before = seen.length;
      await page.reload();
      const second = await runProbe(page);
      // The reload read the snapshot from Cache Storage: no second download.
      expect(seen.length).toBe(before);
      const names: string[] = await page.evaluate(() => caches.keys());
      expect(names.filter((name) => name.startsWith("pyprep-python-snapshot-"))).toHaveLength(1);
      results[timezoneId] = [first, second];
      expect(errors).toEqual([]);
      await context.close();
    }
    // One download per fresh browser context, of a file the build made.
    expect(seen).toHaveLength(2);

    const kolkata = results["Asia/Kolkata"] ?? [];
    const newYork = results["America/New_York"] ?? [];
    const draws = [...kolkata, ...newYork].map((line) => line[0]);
    // Four loads of one snapshot, four different random streams.
    expect(new Set(draws).size).toBe(4);
    for (const line of kolkata) expect(line.slice(1, 3)).toEqual(["-19800", "UTC+0530"]);
    // New York in winter or summer: the standard zone is five hours west either way.
    for (const line of newYork) expect(line[1]).toBe("18000");
    for (const line of [...kolkata, ...newYork]) {
      expect(line[3]).toBe("/home/pyodide/this.program");
      expect(line[4]).toBe("1");
    }
  }, 180_000);

  it("a Run pressed while Python loads says it is loading, then runs", async () => {
    const context = await browser.newContext();
    // Hold Pyodide's WebAssembly back, so Python is still loading when Run is pressed.
    let release: () => void = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    await context.route("**/pyodide/pyodide.asm.wasm", async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${url}/q/${QUESTION}`);
    await setEditor(page, "print(6 * 7)");
    await page.click('.exercise button:text-is("Run")');
    const button = page.locator(".exercise button", { hasText: /Python|Running/ }).first();
    await page.waitForSelector('[data-python="loading"]');
    expect(await button.textContent()).not.toMatch(/Running/);
    expect(await page.locator('[data-python="running"]').count()).toBe(0);
    release();
    await page.waitForFunction(
      () =>
        document.querySelector(".exercise [data-testid='run-output'] pre")?.textContent === "42\n",
      null,
      { timeout: 60_000 },
    );
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});

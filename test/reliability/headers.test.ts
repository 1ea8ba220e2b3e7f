import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/server/config.ts";
import { launchBrowser } from "../e2e/support/browser.ts";
import { ensureBuilt } from "../e2e/support/server.ts";
import { fixtureBank, startTestServer, type TestServer } from "../server/harness.ts";
import { fillPath } from "./support/routes.ts";
import { reliability } from "./support/settings.ts";

const WEB_DIR = path.join(PACKAGE_ROOT, "dist", "web");
const HOSTILE_ID = "hostile-markup";

/**
 * A question file written by an attacker who got one into a content pack: script tags,
 * event handlers, javascript: and data: URLs, in every Markdown field. Each payload
 * would set `window.__pwned` (or open a dialog) if it ran.
 */
function hostileQuestion(): string {
  const good = readFileSync(new URL("../fixtures/good-question.md", import.meta.url), "utf8");
  const payloads = [
    "<script>window.__pwned = 'script tag'</script>",
    '<img src="x" onerror="window.__pwned = \'img onerror\'">',
    "<svg onload=\"window.__pwned = 'svg onload'\"></svg>",
    "<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>",
    "<a href=\"javascript:window.__pwned='raw link'\">raw link</a>",
    "[markdown link](javascript:window.__pwned='md%20link')",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![image](javascript:window.__pwned='image')",
    "<javascript:alert('autolink')>",
    '<div style="background:url(javascript:alert(1))" onclick="alert(1)">styled</div>',
  ].join("\n\n");
  return good
    .replace(/^id: .*$/m, `id: ${HOSTILE_ID}`)
    .replace(/^covers: .*$/m, "covers: extra")
    .replace(/^# .*$/m, "# Is <script>window.__pwned='title'</script> rendered as text?")
    .replace("Optional extra context for the question (Markdown, may hold code).", payloads)
    .replace(
      "The model answer, in Markdown: what a strong candidate says in about two minutes.",
      `The answer, with markup.\n\n${payloads}`,
    )
    .replace(
      "- Lists are mutable; a tuple cannot be changed after it is built.",
      "- Lists are <b onmouseover=\"window.__pwned='key point'\">mutable</b>; a tuple cannot be changed after it is built.",
    );
}

const SECURITY_HEADERS = [
  "content-security-policy",
  "cross-origin-opener-policy",
  "cross-origin-embedder-policy",
  "cross-origin-resource-policy",
  "x-content-type-options",
  "referrer-policy",
];

function checkHeaders(where: string, headers: Headers): string[] {
  const problems = SECURITY_HEADERS.filter((h) => !headers.get(h)).map((h) => `${where}: no ${h}`);
  const scripts = /(?:^|;)\s*script-src ([^;]*)/.exec(
    headers.get("content-security-policy") ?? "",
  )?.[1];
  if (!scripts) problems.push(`${where}: no script-src`);
  else if (scripts.includes("'unsafe-inline'") || scripts.includes("'unsafe-eval'")) {
    problems.push(`${where}: script-src allows inline or eval: ${scripts}`);
  }
  if (headers.get("x-content-type-options") !== "nosniff")
    problems.push(`${where}: sniffing allowed`);
  return problems;
}

/** Watches a page for everything that would mean a script ran or the policy got in the way. */
async function watch(page: Page) {
  const seen = { dialogs: [] as string[], violations: [] as string[], errors: [] as string[] };
  page.on("dialog", async (dialog) => {
    seen.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("pageerror", (error) => seen.errors.push(error.message));
  await page.exposeFunction("__reportViolation", (text: string) => seen.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportViolation(t: string): void })
        .__reportViolation;
      report(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return seen;
}

/**
 * Headers and content: every response the server gives carries the CSP (no inline
 * scripts) and the isolation headers, the real web app runs under that policy in
 * Chromium without a single violation, and a hostile question renders inert.
 */
reliability("headers and content", () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    await ensureBuilt();
    const bank = fixtureBank();
    writeFileSync(path.join(bank, "fresher", `${HOSTILE_ID}.md`), hostileQuestion());
    server = await startTestServer({
      db: "sqlite",
      mode: "local",
      flags: { webDir: WEB_DIR, contentDir: bank },
    });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe("every response", () => {
    it("carries the policy and the isolation headers: routes, files, errors", async () => {
      const asset = readdirSync(path.join(WEB_DIR, "assets")).find((f) => f.endsWith(".js"));
      const paths = [
        ...server.routes
          .filter((r) => r.method === "GET" && r.path !== "/api/*")
          .map((r) => fillPath(r.path, () => "list-vs-tuple", "")),
        "/",
        "/q/list-vs-tuple",
        `/assets/${asset}`,
        "/pyodide/pyodide.mjs",
        "/pyodide/pyodide.asm.wasm",
        "/missing.png",
        "/api/nope",
        "/api/questions?limit=0",
      ];
      const problems: string[] = [];
      for (const p of paths) {
        const res = await fetch(`${server.url}${p}`);
        await res.arrayBuffer();
        problems.push(...checkHeaders(`GET ${p} (${res.status})`, res.headers));
      }
      for (const [method, p, body] of [
        ["POST", "/api/reviews", "{not json"],
        ["PUT", "/api/settings", '{"theme":"neon"}'],
        ["POST", "/api/progress/import", "[]"],
        ["DELETE", "/api/nope", ""],
      ] as const) {
        const res = await fetch(`${server.url}${p}`, {
          method,
          headers: { "content-type": "application/json" },
          body: body || null,
        });
        await res.arrayBuffer();
        problems.push(...checkHeaders(`${method} ${p} (${res.status})`, res.headers));
      }
      expect(problems).toEqual([]);
    });
  });

  describe("in Chromium", () => {
    it("runs the real web app under the policy, cross-origin isolated, with no violation", async () => {
      const page = await browser.context.newPage();
      const seen = await watch(page);
      await page.goto(`${server.url}/library`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
      expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe("function");
      expect(seen).toEqual({ dialogs: [], violations: [], errors: [] });
      await page.close();
    });

    it("renders a hostile question inert: no script runs, no handler or javascript: link survives", async () => {
      const page = await browser.context.newPage();
      const seen = await watch(page);
      await page.goto(`${server.url}/q/${HOSTILE_ID}`);
      await page
        .getByText("The answer, with markup.", { exact: false })
        .first()
        .waitFor({ state: "attached" });
      // Reveal everything a candidate could reveal, and hover over the bait.
      for (const button of await page.getByRole("button", { name: /show|reveal|answer/i }).all()) {
        await button.click().catch(() => undefined);
      }
      for (const bait of await page.getByText(/mutable|styled|raw link/).all()) {
        await bait.hover().catch(() => undefined);
      }
      await page.waitForTimeout(500);
      const found = await page.evaluate(() => {
        const main = document.querySelector("main") ?? document.body;
        const all = [...main.querySelectorAll("*")];
        return {
          pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
          scripts: main.querySelectorAll("script, iframe, object, embed").length,
          handlers: all.flatMap((el) =>
            [...el.attributes]
              .filter((a) => a.name.startsWith("on"))
              .map((a) => `${el.tagName} ${a.name}`),
          ),
          badUrls: all.flatMap((el) =>
            ["href", "src", "xlink:href", "action", "formaction"]
              .map((name) => el.getAttribute(name) ?? "")
              .filter((v) => /^\s*(javascript|data|vbscript):/i.test(v)),
          ),
          shownAsText: main.textContent?.includes("<script>") ?? false,
          // The raw HTML payloads are on the page, as visible text.
          payloadsAsText: ["onerror", "onload", "javascript:"].every((t) =>
            main.textContent?.includes(t),
          ),
        };
      });
      expect(found).toEqual({
        pwned: null,
        scripts: 0,
        handlers: [],
        badUrls: [],
        shownAsText: true,
        payloadsAsText: true,
      });
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
      await page.close();
    });
  });
});

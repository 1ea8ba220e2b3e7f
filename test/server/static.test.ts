import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness.ts";

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/app-Bx7_k2Qa.js"></script></head><body><div id="root"></div></body></html>';

describe("static files", () => {
  let server: TestServer;
  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(new URL(p, server.url), { headers });

  beforeAll(async () => {
    server = await startTestServer({ db: "sqlite", mode: "local" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves a plain 'run npm run build' page while dist/web is missing", async () => {
    const res = await get("/");
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("npm run build");
    expect((await get("/api/topics")).status).toBe(200);
  });

  describe("with a built web app", () => {
    beforeAll(() => {
      const web = path.join(server.dir, "web");
      mkdirSync(path.join(web, "assets"), { recursive: true });
      writeFileSync(path.join(web, "index.html"), INDEX);
      writeFileSync(
        path.join(web, "assets", "app-Bx7_k2Qa.js"),
        `console.log(${JSON.stringify("x".repeat(4000))});`,
      );
      writeFileSync(path.join(web, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    });

    it("serves index.html at / and for every app route (SPA fallback), never cached stale", async () => {
      for (const p of ["/", "/study", "/questions/list-vs-tuple", "/progress?tab=mastery"]) {
        const res = await get(p);
        expect(res.status, p).toBe(200);
        expect(res.headers.get("cache-control")).toBe("no-cache");
        expect(await res.text()).toBe(INDEX);
      }
    });

    it("caches hashed assets for a year and compresses them", async () => {
      const res = await get("/assets/app-Bx7_k2Qa.js", { "accept-encoding": "gzip" });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("content-type")).toMatch(/javascript/);
      expect(res.headers.get("content-encoding")).toBe("gzip");
      expect(await res.text()).toContain("console.log");
      const plain = await get("/favicon.svg");
      expect(plain.headers.get("cache-control")).toBe("no-cache");
    });

    it("puts the cross-origin isolation headers on every response", async () => {
      for (const p of [
        "/",
        "/assets/app-Bx7_k2Qa.js",
        "/pyodide/pyodide.mjs",
        "/healthz",
        "/nope.js",
      ]) {
        const res = await get(p);
        expect(res.headers.get("cross-origin-opener-policy"), p).toBe("same-origin");
        expect(res.headers.get("cross-origin-embedder-policy"), p).toBe("require-corp");
      }
    });

    it("serves Pyodide's files under /pyodide/ with the right types", async () => {
      const wasm = await fetch(new URL("/pyodide/pyodide.asm.wasm", server.url), {
        method: "HEAD",
      });
      expect(wasm.status).toBe(200);
      expect(wasm.headers.get("content-type")).toBe("application/wasm");
      const mjs = await get("/pyodide/pyodide.mjs");
      expect(mjs.status).toBe(200);
      expect(mjs.headers.get("content-type")).toMatch(/javascript/);
      expect(mjs.headers.get("cache-control")).toMatch(/max-age=/);
      const lock = await get("/pyodide/pyodide-lock.json");
      expect((await lock.json()).packages).toEqual(expect.any(Object));
    });

    it("answers 404 for missing files, and refuses to leave its folders", async () => {
      expect((await get("/assets/missing-12345678.js")).status).toBe(404);
      expect((await get("/pyodide/nope.wasm")).status).toBe(404);
      for (const p of [
        "/..%2f..%2fpackage.json",
        "/pyodide/..%2fpackage.json",
        "/assets/%2e%2e/%2e%2e/package.json",
      ]) {
        const res = await get(p);
        expect(res.status, p).not.toBe(200);
        expect(await res.text()).not.toContain('"name": "pyprep"');
      }
    });
  });
});

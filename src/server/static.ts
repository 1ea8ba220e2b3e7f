import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "./http/env.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
/** Vite names built assets `name-<hash>.ext`. */
const HASHED = /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
/** Pyodide's file names carry no hash, so they may change with the package: a day. */
const PYODIDE_CACHE = "public, max-age=86400";

export function pyodideDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve("pyodide/package.json"));
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PyPrep: web app not built</title></head>
<body><main><h1>The web app is not built yet</h1>
<p>The API is running, but <code>dist/web</code> has no <code>index.html</code>.
Run <code>npm run build</code> (or <code>npm start</code>, which builds it), then reload this page.</p>
</main></body></html>`;

/**
 * The built web app with an SPA fallback (any path without a file extension gets
 * index.html, so deep links work), and Pyodide's runtime files under /pyodide/.
 */
export function staticRoutes(webDir: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const indexFile = path.join(webDir, "index.html");

  app.use(
    "/pyodide/*",
    serveStatic({
      root: pyodideDir(),
      rewriteRequestPath: (p) => p.replace(/^\/pyodide/, ""),
      onFound: (_path, c) => {
        c.header("Cache-Control", PYODIDE_CACHE);
      },
    }),
  );
  // Created once the folder exists, so a build made while the server runs is picked
  // up on reload (and serveStatic does not warn about a missing root at start-up).
  let web: MiddlewareHandler | undefined;
  app.use("*", (c, next) => {
    if (!web && existsSync(webDir)) {
      web = serveStatic({
        root: webDir,
        onFound: (file, c) => {
          const isIndex = file === indexFile;
          c.header("Cache-Control", !isIndex && HASHED.test(file) ? IMMUTABLE : "no-cache");
        },
      });
    }
    return web ? web(c, next) : next();
  });
  app.get("*", async (c) => {
    const last = c.req.path.split("/").pop() ?? "";
    if (last.includes(".") || c.req.path.startsWith("/pyodide/")) {
      return c.json({ error: `no file at ${c.req.path}`, details: [] }, 404);
    }
    if (!existsSync(indexFile)) return c.html(NOT_BUILT, 503);
    c.header("Cache-Control", "no-cache");
    return c.html(await readFile(indexFile, "utf8"));
  });
  return app;
}

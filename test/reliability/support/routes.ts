import type { RawSettings } from "../../../src/server/config.ts";
import { startTestServer } from "../../server/harness.ts";

export interface Route {
  method: string;
  /** Hono's pattern, e.g. `/api/cards/:cardId{.+}`. */
  path: string;
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/**
 * Every endpoint the app registers, read from the app itself (Hono's `routes`), so a
 * route added tomorrow is walked by the suites without anyone listing it. Middleware
 * (method ALL) and the catch-all 404 are left out.
 */
export async function appRoutes(
  mode: "local" | "hosted",
  flags: RawSettings = {},
): Promise<Route[]> {
  const server = await startTestServer({ db: "sqlite", mode, flags });
  try {
    const seen = new Set<string>();
    const routes: Route[] = [];
    for (const { method, path } of server.routes) {
      if (!METHODS.has(method) || path === "/api/*") continue;
      const key = `${method} ${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({ method, path });
    }
    return routes;
  } finally {
    await server.stop();
  }
}

/** The path's parameters filled in by `value(name)`; a `*` tail by `tail`. */
export function fillPath(path: string, value: (name: string) => string, tail = "ok"): string {
  return path
    .replace(/:([A-Za-z]+)(\{[^}]*\})?/g, (_, name: string) => value(name))
    .replace(/\*$/, tail);
}

import type { MiddlewareHandler } from "hono";

/**
 * On every response, API and static alike. COOP + COEP make the page cross-origin
 * isolated, which is what lets the browser runner share a SharedArrayBuffer with its
 * Pyodide worker and interrupt runaway Python; CORP keeps our own files loadable
 * under require-corp. The rest are cheap defaults.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Embedder-Policy", "require-corp");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "same-origin");
    if (!h.has("X-Frame-Options")) h.set("X-Frame-Options", "DENY");
  };
}

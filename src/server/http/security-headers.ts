import type { ServerResponse } from "node:http";
import type { MiddlewareHandler } from "hono";

/**
 * What the page may load. Scripts only from our origin, never inline; `wasm-unsafe-eval`
 * lets Pyodide compile its WebAssembly (it evaluates no JavaScript strings); workers
 * from our origin (the Python worker). Styles allow inline because CodeMirror and
 * Chart.js set element styles at run time; no script can ride on that.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * On every response, API and static alike, and on the parser's own 400/431 answers
 * (server.ts). COOP + COEP make the page cross-origin isolated, which is what lets the
 * browser runner share a SharedArrayBuffer with its Pyodide worker and interrupt
 * runaway Python; CORP keeps our own files loadable under require-corp.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
});

const HEADER_ENTRIES = Object.entries(SECURITY_HEADERS);

/**
 * On a real socket the headers go on Node's response before the route runs: Node merges
 * them into the head it writes (a header the route sets wins), where setting them on the
 * web `Response` afterwards validated each name and value again on every request (about
 * 6% of a review's CPU). Without Node's response (`app.request` in tests), on the `Response`.
 */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing && typeof outgoing.setHeader === "function" && !outgoing.headersSent) {
      for (const [name, value] of HEADER_ENTRIES) outgoing.setHeader(name, value);
      return next();
    }
    await next();
    const h = c.res.headers;
    for (const [name, value] of HEADER_ENTRIES) {
      if (name !== "X-Frame-Options" || !h.has(name)) h.set(name, value);
    }
  };
}

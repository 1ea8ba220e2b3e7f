import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";

const gzipAsync = promisify(gzip);

/** Smaller bodies go as they are: a gzip header and a deflate block cost more than they save. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * Gzips API answers of at least `COMPRESS_MIN_BYTES` for clients that accept gzip.
 * Hono's `compress()` answers `Vary` on every response by rebuilding it (`c.header` after
 * the body exists turns Hono's string body into a web stream, which Node then writes
 * chunk by chunk); on a small JSON answer that rebuild cost more than the route. Here a
 * response is untouched unless the client accepts gzip, and then compressed in one
 * piece on libuv's thread pool. API answers are `no-store`, so no cache needs `Vary`.
 */
export function compressJson(): MiddlewareHandler {
  return async function compressJson(c, next) {
    await next();
    const res = c.res;
    if (!/\bgzip\b/i.test(c.req.header("accept-encoding") ?? "")) return;
    if (c.req.method === "HEAD" || res.status === 204 || res.status === 304) return;
    const headers = res.headers;
    if (headers.has("content-encoding") || !/json|text/i.test(headers.get("content-type") ?? ""))
      return;
    const body = Buffer.from(await res.arrayBuffer());
    const compressed = body.byteLength >= COMPRESS_MIN_BYTES;
    const out = compressed ? await gzipAsync(body) : body;
    const next_ = new Response(out, { status: res.status, statusText: res.statusText, headers });
    if (compressed) {
      next_.headers.set("Content-Encoding", "gzip");
      next_.headers.set("Vary", "Accept-Encoding");
    }
    next_.headers.delete("Content-Length");
    c.res = undefined;
    c.res = next_;
  };
}

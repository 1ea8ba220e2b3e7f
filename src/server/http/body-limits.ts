import type { Context, MiddlewareHandler } from "hono";

export const BODY_LIMIT = 1024 * 1024;
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
const IMPORT_PATH = "/api/progress/import";
/**
 * An oversized body is read and thrown away (up to this much) before the 413 goes
 * out: answering while the client is still sending makes most clients see a reset
 * connection instead of our answer. Past this, the connection is simply dropped.
 */
const DRAIN_CAP = 64 * 1024 * 1024;

/** 1 MB for every API body, 10 MB for a progress import (a long history is big). */
export function bodyLimits(): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const max = c.req.path === IMPORT_PATH ? IMPORT_BODY_LIMIT : BODY_LIMIT;
    const declared = c.req.header("content-length");
    if (declared !== undefined) {
      if (Number(declared) <= max) return next();
      await drain(body.getReader(), Number(declared));
      return tooLarge(c, max);
    }
    // No length given (chunked): buffer up to the limit, then hand the bytes on.
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await drain(reader, size);
        return tooLarge(c, max);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) });
    return next();
  };
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, alreadySeen: number) {
  let seen = alreadySeen;
  try {
    for (;;) {
      if (seen > DRAIN_CAP) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
    }
  } catch {
    // The client went away; nothing to answer.
  }
}

function tooLarge(c: Context, max: number) {
  return c.json(
    {
      error: `the body is larger than ${max / 1024 / 1024} MB`,
      details: [{ field: "body", reason: `must be at most ${max} bytes` }],
    },
    413,
  );
}

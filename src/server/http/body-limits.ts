import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";
import { ApiError } from "./errors.ts";
import { readIncoming, unreadIncoming } from "./incoming-body.ts";

/** Every API body unless its route says otherwise. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** A body that sends nothing for this long has stopped: 408, and the connection is closed. */
export const BODY_IDLE_MS = 10_000;
/**
 * An oversized body is read and thrown away (up to this much) before the 413 goes
 * out: answering while the client is still sending makes most clients see a reset
 * connection instead of our answer. Past this, the connection is simply dropped.
 */
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

export interface BodyLimitOptions {
  /** The largest body the route reads; more is a 413 naming `body`. */
  maxBytes: number;
  /** Default `BODY_IDLE_MS`. */
  idleMs?: number;
}

export type BodyLimit = Required<BodyLimitOptions>;

const DEFAULT_LIMIT: BodyLimit = { maxBytes: BODY_LIMIT_BYTES, idleMs: BODY_IDLE_MS };

/**
 * Sets the body limit for the requests it sees. Mounted app-wide for `/api/*`, and again
 * on a route that takes more (the progress import): the last one to run, the route's
 * own, wins. The body is read later, by `readBody` or `bodyChunks`, which enforce it.
 */
export function bodyLimits(options: BodyLimitOptions): MiddlewareHandler<AppEnv> {
  const limit: BodyLimit = { maxBytes: options.maxBytes, idleMs: options.idleMs ?? BODY_IDLE_MS };
  return async function bodyLimit(c, next) {
    c.set("bodyLimit", limit);
    await next();
  };
}

/**
 * The whole body as bytes, within the route's limit. On a real socket it is read from
 * Node's request directly (`incoming-body.ts`); elsewhere (`app.request` in tests) from
 * the web stream, with the same limits and answers.
 */
export async function readBody(c: Context<AppEnv>): Promise<Buffer> {
  const incoming = unreadIncoming(c.env);
  if (incoming) {
    const { maxBytes, idleMs } = c.get("bodyLimit") ?? DEFAULT_LIMIT;
    const read = await readIncoming(incoming, { maxBytes, idleMs, drainCapBytes: DRAIN_CAP_BYTES });
    if (read.kind === "body") return read.bytes;
    if (read.kind === "too-large") throw tooLarge(maxBytes);
    if (read.kind === "stalled")
      throw stalled(read.received, Number(c.req.header("content-length") ?? Number.NaN), idleMs);
    throw new ApiError(400, "the body was cut off before its end", [
      { field: "body", reason: "incomplete: the connection closed while sending" },
    ]);
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of bodyChunks(c)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * The body as it arrives, for routes that stream it (the import). Throws 413 past the
 * limit (after draining, so the client sees the answer) and 408 when the client stops
 * sending: a Content-Length larger than what is sent would otherwise hold the
 * connection open until Node's requestTimeout.
 */
export async function* bodyChunks(c: Context<AppEnv>): AsyncGenerator<Uint8Array> {
  const { maxBytes, idleMs } = c.get("bodyLimit") ?? DEFAULT_LIMIT;
  const body = c.req.raw.body;
  if (!body) return;
  const reader = body.getReader();
  const declared = Number(c.req.header("content-length") ?? Number.NaN);
  let size = 0;
  let finished = false;
  try {
    if (declared > maxBytes) {
      await drain(reader, 0, idleMs);
      throw tooLarge(maxBytes);
    }
    for (;;) {
      const { done, value } = await readWithin(reader, idleMs, size, declared);
      if (done) {
        finished = true;
        return;
      }
      size += value.byteLength;
      if (size > maxBytes) {
        await drain(reader, size, idleMs);
        throw tooLarge(maxBytes);
      }
      yield value;
    }
  } finally {
    // A consumer that stops early (or an error) leaves the rest unread: let it go.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
  received: number,
  declared: number,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(stalled(received, declared, idleMs)), idleMs);
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}

async function drain(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  alreadySeen: number,
  idleMs: number,
): Promise<void> {
  let seen = alreadySeen;
  try {
    while (seen <= DRAIN_CAP_BYTES) {
      const { done, value } = await readWithin(reader, idleMs, seen, Number.NaN);
      if (done) return;
      seen += value.byteLength;
    }
  } catch {
    // The client went away or stalled; the 413 is answered regardless.
  }
}

function stalled(received: number, declared: number, idleMs: number): ApiError {
  const expected = Number.isFinite(declared) ? ` of the ${declared} announced` : "";
  return new ApiError(
    408,
    `the body stopped arriving: ${received} bytes${expected} came, then nothing for ${idleMs / 1000} s`,
    [{ field: "body", reason: "incomplete: send the whole body, or a correct Content-Length" }],
    { Connection: "close" },
  );
}

function tooLarge(maxBytes: number): ApiError {
  const size =
    maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${maxBytes} bytes`;
  return new ApiError(
    413,
    `the body is larger than ${size}`,
    [{ field: "body", reason: `must be at most ${maxBytes} bytes` }],
    { Connection: "close" },
  );
}

import type { IncomingMessage } from "node:http";

/** How reading a whole body from Node's request ended, for `readBody` to answer. */
export type IncomingBody =
  | { kind: "body"; bytes: Buffer }
  | { kind: "too-large"; seen: number }
  | { kind: "stalled"; received: number }
  | { kind: "gone" };

/**
 * Reads the whole body straight from Node's `IncomingMessage`, the same limits as the
 * web-stream path in `body-limits.ts`. Asking Hono's request for `.body` builds an
 * undici `Request` and a web `ReadableStream` per request, which profiling found to be
 * about a tenth of a review's CPU; a small JSON body arrives in one `data` event.
 *
 * Past `maxBytes` the rest is read and dropped (up to `drainCapBytes`) so the client
 * sees the 413 instead of a reset; `idleMs` without data ends it as stalled.
 */
export function readIncoming(
  incoming: IncomingMessage,
  limits: { maxBytes: number; idleMs: number; drainCapBytes: number },
): Promise<IncomingBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: IncomingBody) => {
      clearTimeout(timer);
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onGone);
      incoming.off("close", onClose);
      resolve(result);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ kind: "stalled", received: size }), limits.idleMs);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limits.maxBytes) chunks.push(chunk);
      else if (size > limits.drainCapBytes) return finish({ kind: "too-large", seen: size });
      arm();
    };
    const onEnd = () =>
      finish(
        size > limits.maxBytes
          ? { kind: "too-large", seen: size }
          : {
              kind: "body",
              bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
            },
      );
    const onGone = () => finish({ kind: "gone" });
    const onClose = () => (incoming.readableEnded ? onEnd() : onGone());
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onGone);
    incoming.on("close", onClose);
    arm();
  });
}

/** Node's request behind Hono's, when the app runs on @hono/node-server and nobody read it. */
export function unreadIncoming(env: unknown): IncomingMessage | undefined {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== "function") return undefined;
  return incoming.readableDidRead || incoming.readableEnded ? undefined : incoming;
}

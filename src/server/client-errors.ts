import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { ServerType } from "@hono/node-server";
import type { Logger } from "pino";
import { SECURITY_HEADERS } from "./http/security-headers.ts";

const STATUS_OF_CODE: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  ERR_HTTP_HEADERS_TIMEOUT: 408,
};

/**
 * Requests Node's HTTP parser refuses (a malformed request line, headers over 16 KB, a
 * timeout) never reach the app, so Node answers them itself, with none of our headers.
 * This answers them instead: the same status, a JSON body in the API's shape, and the
 * security headers every other response carries.
 */
export function answerClientErrors(server: ServerType, logger: Logger): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const status = STATUS_OF_CODE[error.code ?? ""] ?? 400;
    const reason = STATUS_CODES[status] ?? "Bad Request";
    logger.debug({ code: error.code, status }, "refused a malformed request");
    const body = JSON.stringify({
      error: status === 431 ? "the request headers are too large" : `bad request: ${reason}`,
      details: [],
    });
    const headers = {
      ...SECURITY_HEADERS,
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(body)),
      "Cache-Control": "no-store",
      Connection: "close",
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join("\r\n");
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n\r\n${body}`);
  });
}

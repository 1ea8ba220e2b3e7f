import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_IDLE_MS } from "../../src/server/http/body-limits.ts";
import { startTestServer, type TestServer } from "./harness.ts";

/** Raw HTTP over a socket: what a browser would never send, and what fetch cannot. */
function rawRequest(
  port: number,
  text: string,
  waitMs = 30_000,
): Promise<{ response: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(port, "127.0.0.1", () => socket.write(text));
    let response = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${waitMs} ms; got:\n${response}`));
    }, waitMs);
    socket.on("data", (chunk) => {
      response += chunk.toString("latin1");
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ response, closedAfterMs: Date.now() - started });
    });
  });
}

function headersOf(response: string): Map<string, string> {
  const head = response.split("\r\n\r\n")[0] ?? "";
  return new Map(
    head
      .split("\r\n")
      .slice(1)
      .map((line) => {
        const at = line.indexOf(":");
        return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()] as const;
      }),
  );
}

const SECURITY = [
  "content-security-policy",
  "cross-origin-opener-policy",
  "cross-origin-embedder-policy",
  "x-content-type-options",
  "referrer-policy",
];

describe("HTTP edges Node's parser and the body reader handle", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: "sqlite", mode: "local" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers a malformed request line with 400 and the security headers", async () => {
    const { response } = await rawRequest(server.port, "GARBAGE\r\n\r\n");
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    const headers = headersOf(response);
    for (const name of SECURITY) expect(headers.has(name), name).toBe(true);
    expect(JSON.parse(response.split("\r\n\r\n")[1] ?? "")).toMatchObject({ details: [] });
  });

  it("answers headers over Node's limit with 431 and the security headers", async () => {
    const big = `GET /api/topics HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`;
    const { response } = await rawRequest(server.port, big);
    expect(response).toMatch(/^HTTP\/1\.1 431 /);
    const headers = headersOf(response);
    for (const name of SECURITY) expect(headers.has(name), name).toBe(true);
  });

  it("does not hold a connection whose body is shorter than its Content-Length", async () => {
    const partial =
      "PUT /api/settings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
      'Content-Length: 1000\r\n\r\n{"theme":';
    const { response, closedAfterMs } = await rawRequest(server.port, partial, BODY_IDLE_MS * 3);
    expect(response).toMatch(/^HTTP\/1\.1 408 /);
    expect(response).toMatch(/stopped arriving/);
    // Cut at the idle timeout, not at Node's requestTimeout (minutes).
    expect(closedAfterMs).toBeLessThan(BODY_IDLE_MS + 5_000);
    expect((await fetch(`${server.url}/api/settings`)).status).toBe(200);
  }, 60_000);
});

import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { COMPRESS_MIN_BYTES, compressJson } from "../../src/server/http/compress-json.ts";

const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: `card-${i}`, due: null })) };
const app = new Hono();
app.use(compressJson());
app.get("/big", (c) => c.json(big));
app.get("/small", (c) => c.json({ ok: true }, 201));
app.get("/binary", (c) => c.body(new Uint8Array(4096), 200, { "content-type": "application/zip" }));

describe("compressJson", () => {
  it("gzips a large JSON answer for a client that accepts gzip, status and type kept", async () => {
    const res = await app.request("/big", { headers: { "accept-encoding": "gzip, br" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const raw = Buffer.from(await res.arrayBuffer());
    expect(raw.byteLength).toBeLessThan(JSON.stringify(big).length);
    expect(JSON.parse(gunzipSync(raw).toString("utf8"))).toEqual(big);
  });

  it("leaves an answer under the threshold, and every answer for other clients, as it is", async () => {
    const small = await app.request("/small", { headers: { "accept-encoding": "gzip" } });
    expect(JSON.stringify({ ok: true }).length).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(small.status).toBe(201);
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(await small.json()).toEqual({ ok: true });
    const plain = await app.request("/big");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.json()).toEqual(big);
  });

  it("does not touch bodies that are not text", async () => {
    const res = await app.request("/binary", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBe(4096);
  });
});

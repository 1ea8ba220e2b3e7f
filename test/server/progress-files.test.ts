import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticExport } from "../support/progress-file.ts";
import { DATABASE_URL, fixtureBank, freshPostgresSchema, type Json } from "./harness.ts";
import { type ServerProcess, spawnServer } from "./spawn-server.ts";

const REVIEWS = 50_000;
const CARDS = [
  "list-vs-tuple",
  "list-vs-tuple/drill-1",
  "list-vs-tuple/exercise-1",
  "frozen-records",
  "frozen-records/drill-1",
  "nested-freezing",
];
/**
 * A history three times larger (~70 MB) for the memory check: held whole, its text alone
 * (70 MB), parsed (about as much again) and the body's bytes come to over 200 MB; streamed,
 * the server grows by about what a 26 MB file costs it, mostly garbage not yet collected.
 */
const BIG_REVIEWS = 150_000;
const MAX_IMPORT_GROWTH_BYTES = 150 * 1024 * 1024;

const targets = [
  ["sqlite", true],
  ["postgres", Boolean(DATABASE_URL)],
] as const;

/**
 * Issue 16: an export of any size imports back. A 50,000-review history (about three times
 * the 21,017 that met a 413) goes in through the API, comes out through the export
 * unchanged, and going in again adds nothing; the server's memory stays bounded.
 */
describe.each(targets)("a 50,000-review history round-trips, %s", (db, available) => {
  let server: ServerProcess;
  let dir: string;
  let bank: string;
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>> | undefined;
  const file = syntheticExport({ reviews: REVIEWS, cardIds: CARDS });
  const text = JSON.stringify(file);

  beforeAll(async () => {
    if (!available) return;
    dir = mkdtempSync(path.join(tmpdir(), "pyprep-history-"));
    bank = fixtureBank();
    schema = db === "postgres" ? await freshPostgresSchema() : undefined;
    server = await spawnServer({
      PYPREP_CONTENT_DIR: bank,
      PYPREP_LOG_LEVEL: "warn",
      ...(schema ? { DATABASE_URL: schema.url } : { PYPREP_DB: path.join(dir, "db.sqlite") }),
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await schema?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (bank) rmSync(bank, { recursive: true, force: true });
  });

  const post = (body: string) =>
    fetch(`${server.url}/api/progress/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as Json }));

  it.runIf(available)(
    "imports it, exports it unchanged, and a second import adds nothing",
    async () => {
      expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
      const before = server.memory().rssBytes;
      const first = await post(text);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body.imported.reviews).toBe(REVIEWS);
      const growth = server.memory().peakBytes - before;
      expect(growth, `peak grew by ${Math.round(growth / 1e6)} MB`).toBeLessThan(
        MAX_IMPORT_GROWTH_BYTES,
      );

      const exported = (await (await fetch(`${server.url}/api/progress/export`)).json()) as Json;
      expect(exported.reviews).toHaveLength(REVIEWS);
      const byKey = new Map(exported.reviews.map((r: Json) => [r.idempotencyKey, r]));
      for (const review of file.reviews) expect(byKey.get(review.idempotencyKey)).toEqual(review);
      expect(exported.cardStates).toEqual(
        [...file.cardStates].sort((a, b) => (a.cardId < b.cardId ? -1 : 1)),
      );

      const again = await post(JSON.stringify(exported));
      expect(again.status).toBe(200);
      expect(again.body.imported).toEqual({ reviews: 0, cards: 0, mockResults: 0, interviews: 0 });
      expect(again.body.skipped).toBe(REVIEWS + CARDS.length);
    },
    300_000,
  );
});

describe("importing a long history keeps the server's memory bounded", () => {
  let server: ServerProcess;
  let dir: string;
  let bank: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "pyprep-history-"));
    bank = fixtureBank();
    server = await spawnServer({
      PYPREP_CONTENT_DIR: bank,
      PYPREP_LOG_LEVEL: "warn",
      PYPREP_DB: path.join(dir, "db.sqlite"),
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (bank) rmSync(bank, { recursive: true, force: true });
  });

  it("streams a 70 MB file instead of holding it", async () => {
    const text = JSON.stringify(
      syntheticExport({ reviews: BIG_REVIEWS, cardIds: CARDS, stepMinutes: 15 }),
    );
    expect(text.length).toBeGreaterThan(60 * 1024 * 1024);
    const before = server.memory().rssBytes;
    const res = await fetch(`${server.url}/api/progress/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: text,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).imported.reviews).toBe(BIG_REVIEWS);
    const growth = server.memory().peakBytes - before;
    expect(growth, `peak grew by ${Math.round(growth / 1e6)} MB`).toBeLessThan(
      MAX_IMPORT_GROWTH_BYTES,
    );
  }, 300_000);
});

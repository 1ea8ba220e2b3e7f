import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DATABASE_URL, type Json, startTestServer, type TestServer } from "./harness.ts";

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

const targets = [
  ["sqlite", true],
  ["postgres", Boolean(DATABASE_URL)],
] as const;

/**
 * Issue 20: interviews travel with the progress file through the API (the streamed
 * import), merge by id and version, and an older file without them still imports.
 */
describe.each(targets)("interviews in progress files, %s", (db, available) => {
  let server: TestServer;
  let api: Client;
  beforeAll(async () => {
    if (!available) return;
    server = await startTestServer({ db, mode: "local" });
    api = new Client(server.url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const importing = (file: unknown) => api.post("/api/progress/import", file);
  const exported = async (): Promise<Json> => (await api.get("/api/progress/export")).body;

  it.runIf(available)(
    "exports every interview, and importing them back changes nothing",
    async () => {
      const created = await api.post("/api/interviews", {
        date: inDays(14),
        minutesPerDay: 30,
        levels: ["fresher"],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const { id } = created.body.interview;
      const moved = await api.request("PATCH", `/api/interviews/${id}`, {
        json: { minutesPerDay: 40, timeZone: "Europe/Berlin" },
      });
      expect(moved.status).toBe(200);

      const file = await exported();
      expect(file.interviews).toEqual([{ ...moved.body.interview, version: 2 }]);

      const again = await importing(file);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body).toEqual({
        imported: { reviews: 0, cards: 0, mockResults: 0, interviews: 0 },
        skipped: 1,
      });
      expect(await exported()).toEqual({ ...file, exportedAt: expect.any(String) });
    },
  );

  it.runIf(available)("takes a newer version of an interview and new ones, once each", async () => {
    const file = await exported();
    const [mine] = file.interviews;
    const newer = { ...mine, minutesPerDay: 45, version: mine.version + 1 };
    const other = { ...mine, id: randomUUID(), date: inDays(30), version: 1 };
    const incoming = { ...file, interviews: [newer, other] };

    const first = await importing(incoming);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.imported.interviews).toBe(2);
    expect((await api.get(`/api/interviews/${mine.id}`)).body.interview.minutesPerDay).toBe(45);
    expect((await api.get("/api/interviews")).body.interviews).toHaveLength(2);

    const second = await importing(incoming);
    expect(second.body.imported.interviews).toBe(0);
    expect(second.body.skipped).toBe(2);
    // The plan follows the nearest open interview, which is still this one.
    expect((await api.get("/api/plan")).body.interview.id).toBe(mine.id);
  });

  it.runIf(available)("imports a version 1 file that has no interviews", async () => {
    const { interviews: _none, ...older } = await exported();
    older.reviews = [];
    const res = await importing(older);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.imported).toEqual({ reviews: 0, cards: 0, mockResults: 0, interviews: 0 });
    expect((await api.get("/api/interviews")).body.interviews).toHaveLength(2);
  });

  it.runIf(available)("refuses a bad interview, naming its field, and writes nothing", async () => {
    const file = await exported();
    const [first, second] = file.interviews;
    const bad = await importing({
      ...file,
      interviews: [
        { ...first, minutesPerDay: 0, version: 99 },
        { ...second, history: [{ at: "soon", change: "created" }] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("this progress file has invalid entries");
    expect(bad.body.details.map((d: Json) => d.field)).toEqual([
      "interviews.0.minutesPerDay",
      "interviews.1.history.0.at",
    ]);
    expect((await exported()).interviews).toEqual(file.interviews);

    const damaged = await importing({ ...file, interviews: { [first.id]: first } });
    expect(damaged.status).toBe(400);
    expect(damaged.body).toMatchObject({
      error: "this progress file is damaged",
      details: [{ field: "interviews" }],
    });
  });
});

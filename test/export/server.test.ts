import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noteGuid } from "../../src/export/anki/ids.ts";
import { startTestServer, type TestServer } from "../server/harness.ts";
import { openApkg } from "./support/apkg.ts";

async function download(server: TestServer, query = "", headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/export/anki${query}`, { headers });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe.each(["local", "hosted"] as const)("GET /api/export/anki (%s mode)", (mode) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: "sqlite", mode });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("downloads the whole bank as a package, without signing in", async () => {
    const { response, bytes } = await download(server);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-apkg");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="pyprep.apkg"');
    expect(response.headers.get("content-length")).toBe(String(bytes.length));
    expect(response.headers.get("cache-control")).toBe("public, no-cache");
    const apkg = openApkg(bytes);
    expect(apkg.col.ver).toBe(11);
    expect([...apkg.byGuid.keys()].sort()).toEqual(
      ["list-vs-tuple", "frozen-records", "nested-freezing"]
        .flatMap((id) => [noteGuid(id), noteGuid(`${id}/drill-1`)])
        .sort(),
    );
  });

  it("serves the same built deck again, and a 304 to a browser that has it", async () => {
    const first = await download(server, "?level=fresher");
    const second = await download(server, "?level=fresher");
    // A rebuild would carry a later clock in its ids; the same bytes mean the cached deck.
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    const etag = first.response.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[0-9a-f]{16}-[0-9a-f]{12}"$/);
    const whole = await download(server);
    expect(whole.response.headers.get("etag")).not.toBe(etag);
    const revalidated = await download(server, "?level=fresher", { "if-none-match": etag });
    expect(revalidated.response.status).toBe(304);
    expect(revalidated.bytes.length).toBe(0);
    // The same filter written differently is the same deck.
    const repeated = await download(server, "?level=fresher&level=fresher", {
      "if-none-match": etag,
    });
    expect(repeated.response.status).toBe(304);
  });

  it("filters by level and topic, and names the file after them", async () => {
    const { response, bytes } = await download(server, "?level=intermediate&topic=data-structures");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="pyprep-intermediate-data-structures.apkg"',
    );
    const apkg = openApkg(bytes);
    expect(apkg.notes.map((n) => n.guid).sort()).toEqual(
      [noteGuid("nested-freezing"), noteGuid("nested-freezing/drill-1")].sort(),
    );
    expect(Object.values(apkg.decks).map((d) => (d as { name: string }).name)).toEqual([
      "Default",
      "PyPrep",
      "PyPrep::Intermediate",
    ]);
  });

  it("answers a bad filter with 400 naming the field, and an empty one with 404", async () => {
    const cases: [string, { field: string; reason: string }][] = [
      [
        "?level=senior",
        { field: "level.0", reason: "must be one of fresher, intermediate, expert" },
      ],
      ["?topic=nope", { field: "topic.0", reason: "unknown topic 'nope'" }],
      ["?format=csv", { field: "format", reason: "is not a parameter of this endpoint" }],
    ];
    for (const [query, detail] of cases) {
      const { response, bytes } = await download(server, query);
      expect(response.status, query).toBe(400);
      const body = JSON.parse(new TextDecoder().decode(bytes));
      expect(body.details, query).toContainEqual(detail);
    }
    const empty = await download(server, "?level=expert");
    expect(empty.response.status).toBe(404);
    expect(JSON.parse(new TextDecoder().decode(empty.bytes)).error).toBe(
      "no questions match these filters",
    );
  });
});

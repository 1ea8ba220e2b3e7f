import { execFileSync } from "node:child_process";
import { existsSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildServer, SERVER_ENTRY } from "../../src/server/build-server.mjs";

const dir = path.dirname(SERVER_ENTRY);
const old = path.join(dir, "chunk-FROMLASTWEEK.js");
const recent = path.join(dir, "chunk-FROMAMINUTEAGO.js");

afterAll(() => {
  rmSync(old, { force: true });
  rmSync(recent, { force: true });
});

describe("the server bundle (npm start runs it)", () => {
  it("builds into a `pyprep serve` that runs, and sweeps chunks earlier builds left an hour ago", async () => {
    await buildServer();
    writeFileSync(old, "// a chunk of an earlier build\n");
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    utimesSync(old, weekAgo, weekAgo);
    writeFileSync(recent, "// a chunk a running server may still import\n");

    expect(await buildServer({ force: true })).toBe(SERVER_ENTRY);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    const help = execFileSync(process.execPath, [SERVER_ENTRY, "serve", "--help"], {
      encoding: "utf8",
    });
    expect(help).toContain("--port");
  }, 60_000);
});

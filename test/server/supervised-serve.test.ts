import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixtureBank } from "./harness.ts";
import { spawnServer } from "./spawn-server.ts";

/** The ids of a process's children, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return text === "" ? [] : text.split(/\s+/).map(Number);
}

describe("pyprep serve runs the server under a supervisor", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-supervised-"));
  const bank = fixtureBank();
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(bank, { recursive: true, force: true });
  });

  it("says in one log line why the server died of a signal it cannot catch, and exits 128+n", async () => {
    const db = path.join(dir, "bus.sqlite");
    const server = await spawnServer({
      PYPREP_SUPERVISED: "",
      PYPREP_DB: db,
      PYPREP_CONTENT_DIR: bank,
    });
    try {
      const pid = server.child.pid as number;
      const [inner] = childrenOf(pid);
      expect(inner, "the supervisor's child serves").toBeGreaterThan(0);
      const exited = new Promise<number | null>((done) => server.child.once("exit", done));
      process.kill(inner as number, "SIGBUS");
      expect(await exited).toBe(128 + 7);
      const line = server
        .output()
        .split("\n")
        .find((l) => l.includes("killed by SIGBUS"));
      expect(line, server.output()).toBeDefined();
      const entry = JSON.parse(line as string);
      expect(entry).toMatchObject({ signal: "SIGBUS", database: db, level: 60 });
      expect(entry.hint).toMatch(/disk is probably full/);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("passes SIGTERM on, so stopping the supervisor stops the server cleanly", async () => {
    const server = await spawnServer({
      PYPREP_SUPERVISED: "",
      PYPREP_DB: path.join(dir, "term.sqlite"),
      PYPREP_CONTENT_DIR: bank,
    });
    const pid = server.child.pid as number;
    const [inner] = childrenOf(pid);
    const exited = new Promise<number | null>((done) => server.child.once("exit", done));
    process.kill(pid, "SIGTERM");
    expect(await exited).toBe(0);
    expect(() => process.kill(inner as number, 0)).toThrow();
  }, 120_000);

  it("stops the server when the supervisor is killed, instead of leaving it orphaned", async () => {
    const server = await spawnServer({
      PYPREP_SUPERVISED: "",
      PYPREP_DB: path.join(dir, "orphan.sqlite"),
      PYPREP_CONTENT_DIR: bank,
    });
    const pid = server.child.pid as number;
    const [inner] = childrenOf(pid);
    expect(inner, "the supervisor's child serves").toBeGreaterThan(0);
    try {
      process.kill(pid, "SIGKILL");
      const gone = async () => {
        for (let i = 0; i < 200; i++) {
          try {
            process.kill(inner as number, 0);
          } catch {
            return true;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        return false;
      };
      expect(await gone(), "the orphaned server is still running").toBe(true);
    } finally {
      try {
        process.kill(inner as number, "SIGKILL");
      } catch {
        // already gone, as it should be
      }
      await server.stop();
    }
  }, 120_000);
});

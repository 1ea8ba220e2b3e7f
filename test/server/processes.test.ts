import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { killGroup, liveChildren, spawnTracked, stopGroup } from "../support/processes.ts";
import { fixtureBank } from "./harness.ts";
import { spawnServer } from "./spawn-server.ts";

const BIN = fileURLToPath(new URL("../../bin/pyprep.js", import.meta.url));

/** True while a process with this id exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return check();
}

describe("servers started by tests never outlive them", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-orphans-"));
  const bank = fixtureBank();
  const strays: number[] = [];
  afterAll(() => {
    for (const pid of strays) if (alive(pid)) process.kill(pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    rmSync(bank, { recursive: true, force: true });
  });

  it("a server whose parent is SIGKILLed shuts itself down (stdin closes)", async () => {
    // A stand-in for a test process: starts a server the way spawn-server.ts does, then dies.
    const parentScript = path.join(dir, "parent.mjs");
    writeFileSync(
      parentScript,
      `import { spawn } from "node:child_process";
const child = spawn(process.execPath, [${JSON.stringify(BIN)}, "serve", "--port", "0"], {
  env: { ...process.env, DATABASE_URL: "", PYPREP_EXIT_WITH_STDIN: "1", PYPREP_LOG_LEVEL: "info",
         PYPREP_DB: ${JSON.stringify(path.join(dir, "db.sqlite"))},
         PYPREP_CONTENT_DIR: ${JSON.stringify(bank)} },
  stdio: ["pipe", "pipe", "inherit"],
});
child.stdout.on("data", (d) => { if (String(d).includes('"listening"')) console.log("CHILD " + child.pid); });
setInterval(() => {}, 1000);
`,
    );
    const parent = spawnTracked(process.execPath, [parentScript]);
    const childPid = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the server did not start")), 60_000);
      parent.stdout?.on("data", (chunk: Buffer) => {
        const pid = /CHILD (\d+)/.exec(String(chunk))?.[1];
        if (pid) {
          clearTimeout(timer);
          resolve(Number(pid));
        }
      });
    });
    strays.push(childPid);
    expect(alive(childPid)).toBe(true);
    // The grandchild is in the parent's group; kill only the parent itself.
    process.kill(parent.pid as number, "SIGKILL");
    expect(await waitUntil(() => !alive(childPid), 20_000)).toBe(true);
  });

  it("stopping a spawned server stops its whole process group", async () => {
    const server = await spawnServer({
      PYPREP_DB: path.join(dir, "group.sqlite"),
      PYPREP_CONTENT_DIR: bank,
    });
    const pid = server.child.pid as number;
    expect(await server.stop()).toBe(0);
    expect(alive(pid)).toBe(false);
    // A child that ignores SIGTERM is SIGKILLed after the grace period.
    const stubborn = spawnTracked(process.execPath, [
      "-e",
      "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)",
    ]);
    await new Promise((done) => setTimeout(done, 300));
    expect(await stopGroup(stubborn, 500)).toBeNull();
    expect(killGroup(stubborn, "SIGKILL")).toBe(false);
    expect(liveChildren()).toBe(0);
  });
});

import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { CpythonRunner } from "../../src/python/cpython/runner.ts";
import { alive } from "./targets.ts";

/**
 * A job of the fork server writes event lines, claiming to be other jobs, into every file
 * descriptor it holds and every one the runner's Python processes above it hold that it can
 * reopen through /proc. (Further up is Node itself; what a process of the same user can do
 * to Node is outside what the runner can defend, see docs/runner.md.)
 */
const FORGER = (victimPid: number) =>
  [
    "import json, os",
    "lines = []",
    "for i in range(1, 50):",
    `    lines += [{"id": i, "done": True}, {"id": i, "pid": ${victimPid}}, {"kill": i},`,
    '              {"id": i, "lost": True}, {"id": i, "report": {"stdout": "forged\\n"}}]',
    "data = ''.join(json.dumps(line) + '\\n' for line in lines).encode()",
    "hits = 0",
    "for fd in sorted(int(n) for n in os.listdir('/proc/self/fd')):",
    "    if fd > 2:",
    "        try:",
    "            os.write(fd, data)",
    "            hits += 1",
    "        except OSError:",
    "            pass",
    "pid = os.getppid()",
    "while b'pyprep_harness' in open(f'/proc/{pid}/cmdline', 'rb').read():",
    "    for name in os.listdir(f'/proc/{pid}/fd'):",
    "        try:",
    "            with open(f'/proc/{pid}/fd/{name}', 'wb', buffering=0) as handle:",
    "                handle.write(data)",
    "                hits += 1",
    "        except OSError:",
    "            pass",
    "    pid = int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])",
    "print('forger done')",
  ].join("\n");

describe("the fork server's event channel", () => {
  const runner = new CpythonRunner();
  let victim: ChildProcess | undefined;
  afterAll(async () => {
    if (victim?.pid && alive(victim.pid)) process.kill(-victim.pid, "SIGKILL");
    await runner.close();
  });

  it("ignores lines a job forges: a concurrent job ends normally, no process group is killed", async () => {
    victim = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    const victimPid = victim.pid as number;
    await runner.run({ code: "print('warm')" });
    const honest = runner.run({
      code: "import time\ntime.sleep(1.5)\nprint('honest job finished')",
      timeLimitS: 10,
    });
    await new Promise((r) => setTimeout(r, 200));
    const forger = await runner.run({ code: FORGER(victimPid), timeLimitS: 10 });
    expect(forger.stdout).toBe("forger done\n");
    const result = await honest;
    expect(result.exception).toBeNull();
    expect(result.stdout).toBe("honest job finished\n");
    expect(alive(victimPid)).toBe(true);
    const next = await runner.run({ code: "print('next')" });
    expect(next.stdout).toBe("next\n");
  });

  it("shares no descriptor with the server or its own supervisor", async () => {
    const result = await runner.run({
      code: [
        "import os",
        "def objects(pid):",
        "    found = set()",
        "    for name in os.listdir(f'/proc/{pid}/fd'):",
        "        try:",
        "            info = os.stat(f'/proc/{pid}/fd/{name}')",
        "        except OSError:",
        "            continue",
        "        found.add((info.st_dev, info.st_ino))",
        "    return found",
        "mine = {o for o in objects('self')}",
        "for fd in (0, 1, 2):",
        "    info = os.fstat(fd)",
        "    mine.discard((info.st_dev, info.st_ino))",
        "parent = os.getppid()",
        "grandparent = int(open(f'/proc/{parent}/stat').read().rsplit(')', 1)[1].split()[1])",
        "print(len(mine & (objects(parent) | objects(grandparent))))",
      ].join("\n"),
    });
    expect(result.stdout).toBe("0\n");
  });
});

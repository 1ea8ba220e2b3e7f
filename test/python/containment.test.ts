import { afterAll, describe, expect, it } from "vitest";
import type { Runner } from "../../src/python/types.ts";
import { alive, CPYTHON_TARGETS, eventually, TARGETS } from "./targets.ts";

/** Programs that leave processes behind, each printing the pids it started, one a line. */
const LEFTOVERS: Array<{ name: string; code: string; timeLimitS?: number }> = [
  {
    name: "a child it never waits for",
    code: "import subprocess\np = subprocess.Popen(['sleep', '60'])\nprint(p.pid)",
  },
  {
    name: "a child that escapes with setsid()",
    code: [
      "import os, time",
      "pid = os.fork()",
      "if pid == 0:",
      "    os.setsid()",
      "    time.sleep(60)",
      "    os._exit(0)",
      "print(pid)",
    ].join("\n"),
  },
  {
    name: "a daemon (double fork, setsid) whose parent is gone",
    code: [
      "import os, time",
      "r, w = os.pipe()",
      "if os.fork() == 0:",
      "    os.setsid()",
      "    grandchild = os.fork()",
      "    if grandchild == 0:",
      "        time.sleep(60)",
      "        os._exit(0)",
      "    os.write(w, f'{grandchild}\\n'.encode())",
      "    os._exit(0)",
      "print(os.read(r, 100).decode().strip())",
    ].join("\n"),
  },
  {
    name: "a tree of children, some in new sessions",
    code: [
      "import os, time",
      "r, w = os.pipe()",
      "def spawn(depth):",
      "    for i in range(3):",
      "        pid = os.fork()",
      "        if pid == 0:",
      "            if i == 1:",
      "                os.setsid()",
      "            if depth < 2:",
      "                spawn(depth + 1)",
      "            time.sleep(60)",
      "            os._exit(0)",
      "        os.write(w, f'{pid}\\n'.encode())",
      "spawn(0)",
      "os.close(w)",
      "time.sleep(0.5)",
      "print(os.read(r, 10_000).decode().strip())",
    ].join("\n"),
  },
  {
    name: "a child when the time limit stops the run",
    code: "import subprocess\np = subprocess.Popen(['sleep', '60'])\nprint(p.pid, flush=True)\nwhile True:\n    pass",
    timeLimitS: 1,
  },
];

for (const target of CPYTHON_TARGETS) {
  describe(`containment on ${target}`, () => {
    const runner: Runner = TARGETS[target]();
    afterAll(() => runner.close());

    for (const program of LEFTOVERS) {
      it(`leaves nothing running after ${program.name}`, async () => {
        const result = await runner.run({
          code: program.code,
          ...(program.timeLimitS ? { timeLimitS: program.timeLimitS } : {}),
        });
        const pids = result.stdout.trim().split(/\s+/).map(Number);
        expect(pids.length).toBeGreaterThan(0);
        expect(pids.every((pid) => pid > 0)).toBe(true);
        try {
          expect(await eventually(() => pids.every((pid) => !alive(pid)), 3000)).toBe(true);
        } finally {
          for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
        }
      });
    }

    it("sets limits on processes, file size and CPU time", async () => {
      const result = await runner.run({
        code: [
          "import resource",
          "for name in ('RLIMIT_NPROC', 'RLIMIT_FSIZE', 'RLIMIT_CPU', 'RLIMIT_AS'):",
          "    soft, hard = resource.getrlimit(getattr(resource, name))",
          "    print(name, soft != resource.RLIM_INFINITY, hard != resource.RLIM_INFINITY)",
        ].join("\n"),
      });
      expect(result.stdout).toBe(
        [
          "RLIMIT_NPROC True True",
          "RLIMIT_FSIZE True True",
          "RLIMIT_CPU True True",
          "RLIMIT_AS True True",
          "",
        ].join("\n"),
      );
    });

    it("refuses a file bigger than the file size limit", async () => {
      const result = await runner.run({
        code: "with open('big.bin', 'wb') as f:\n    f.write(b'0' * (64 * 1024 * 1024))",
      });
      expect(result.exception?.type).toBe("OSError");
      expect(result.exception?.message).toContain("File too large");
    });

    it("passes a scrubbed environment, and its parent's shows nothing of the host's", async () => {
      process.env.PYPREP_TEST_SECRET = "do-not-leak-4711";
      const fresh = TARGETS[target]();
      try {
        const result = await fresh.run({
          code: [
            "import os",
            "print(sorted(os.environ))",
            "for pid in ('self', os.getppid()):",
            "    print(b'do-not-leak-4711' in open(f'/proc/{pid}/environ', 'rb').read())",
          ].join("\n"),
        });
        expect(result.exception).toBeNull();
        expect(result.stdout).toBe("['HOME', 'LANG', 'PATH', 'TMPDIR']\nFalse\nFalse\n");
      } finally {
        delete process.env.PYPREP_TEST_SECRET;
        await fresh.close();
      }
    });
  });
}

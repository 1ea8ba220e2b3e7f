import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { killGroup, spawnTracked, stopGroup } from "../support/processes.ts";

const BIN = fileURLToPath(new URL("../../bin/pyprep.js", import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** SIGTERM (SIGKILL after 10 s) to its process group; resolves once it has exited. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash: nothing gets to run. */
  kill(): Promise<void>;
  /** Resident memory now and at its peak, in bytes, from /proc. */
  memory(): { rssBytes: number; peakBytes: number };
}

/** A free loopback port (a restart can reuse it, and a quiet server needs no log line). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * `pyprep serve` as its own process on a free loopback port (or `port`); resolves once
 * `/healthz` answers 200, which is after auth is wired. Settings come from the
 * environment, as in a deployment. The process leads its own group and exits with us
 * (test/support/processes.ts).
 */
export async function spawnServer(
  env: Record<string, string>,
  args: string[] = [],
  options: { port?: number } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // The test runner's DATABASE_URL is for making schemas; a server gets one only when asked.
  const { DATABASE_URL: _, ...inherited } = process.env;
  const child = spawnTracked(process.execPath, [BIN, "serve", "--port", String(port), ...args], {
    // Tests measure and kill the server itself; supervised-serve.test.ts covers the supervisor.
    env: {
      ...inherited,
      PYPREP_LOG_LEVEL: "info",
      PYPREP_EXIT_WITH_STDIN: "1",
      PYPREP_SUPERVISED: "1",
      ...env,
    },
  });
  let output = "";
  // Only the tail is kept: a long run logs a lot, and failures need the last lines.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-256 * 1024);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = () => stopGroup(child);
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      killGroup(child, "SIGKILL");
    });
  const memory = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1]);
    return { rssBytes: kb("VmRSS") * 1024, peakBytes: kb("VmHWM") * 1024 };
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited with ${child.exitCode ?? child.signalCode} before listening:\n${output}`,
      );
    }
    if (Date.now() - started > 90_000) {
      await stop();
      throw new Error(`server did not start within 90 s:\n${output}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) return { url, child, output: () => output, stop, kill, memory };
    await new Promise((done) => setTimeout(done, 100));
  }
}

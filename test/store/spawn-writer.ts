import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { WriterJob } from "./writer.ts";

const writerPath = fileURLToPath(new URL("./writer.ts", import.meta.url));

export interface RunningWriter {
  child: ChildProcess;
  /** Keys the child printed after their commit returned. */
  committed: string[];
  /** Resolves once `n` commits were reported (or the child ended first). */
  committedAtLeast(n: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** One process: `node --import tsx`, not the tsx CLI, whose extra child would survive a SIGKILL. */
export function spawnWriter(job: WriterJob): RunningWriter {
  const child = spawn(process.execPath, ["--import", "tsx", writerPath, JSON.stringify(job)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const committed: string[] = [];
  const waiters: { n: number; done: () => void }[] = [];
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on("line", (line) => {
    if (!line.startsWith("committed ")) return;
    committed.push(line.slice("committed ".length));
    for (const waiter of waiters.filter((w) => committed.length >= w.n)) waiter.done();
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => {
    child.on("close", (code, signal) => {
      for (const waiter of waiters) waiter.done();
      resolve({ code, signal, stderr });
    });
  });
  return {
    child,
    committed,
    committedAtLeast: (n) =>
      committed.length >= n
        ? Promise.resolve()
        : new Promise((done) => {
            waiters.push({ n, done });
          }),
    exited,
  };
}

import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { createInterface } from "node:readline";
import type { HarnessJob, SupervisorReport } from "../harness-result.ts";
import { childEnv, PYTHON_FLAGS } from "./process.ts";

export interface ForkServerOptions {
  /** Serve one job and exit, without preloading: a process spawned per run. */
  once?: boolean;
}

/**
 * A warm CPython (`pyprep_harness --fork-server`) that runs jobs one at a time, each in a
 * process forked from it, and supervises that process: its stdin, its output up to the cap,
 * the time limit, and every process it starts. Forking skips the interpreter's start-up and
 * the imports most programs share, which is most of a small program's cost. The runner
 * keeps a pool of these, so a server only ever speaks for the one job it runs; Node never
 * learns or signals a job's pids, it only asks the server to stop.
 */
export class ForkServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private waiting:
    | { id: number; resolve: (report: SupervisorReport) => void; reject: (e: Error) => void }
    | undefined;
  private nextId = 1;
  private dead: Error | undefined;

  constructor(executable: string, entry: string, options: ForkServerOptions = {}) {
    const args = [...PYTHON_FLAGS, entry, "--fork-server", ...(options.once ? ["--once"] : [])];
    this.child = spawn(executable, args, { stdio: ["pipe", "pipe", "pipe"], env: childEnv() });
    this.child.unref();
    for (const stream of [this.child.stdout, this.child.stderr, this.child.stdin]) {
      (stream as unknown as { unref?: () => void }).unref?.();
    }
    createInterface({ input: this.child.stdout }).on("line", (line) => this.onLine(line));
    this.child.stderr.resume();
    this.child.on("exit", (code, signal) =>
      this.fail(new Error(`the CPython fork server ended (exit ${code}, signal ${signal})`)),
    );
    this.child.on("error", (error) => this.fail(error));
    this.child.stdin.on("error", (error) => this.fail(error));
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  get busy(): boolean {
    return this.waiting !== undefined;
  }

  /** Runs one job; settles with its report, or rejects if the server itself died. */
  run(job: HarnessJob): Promise<SupervisorReport> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.waiting) return Promise.reject(new Error("the fork server is running a job"));
    const id = this.nextId++;
    const done = new Promise<SupervisorReport>((resolve, reject) => {
      this.waiting = { id, resolve, reject };
    });
    this.child.stdin.write(`${JSON.stringify({ id, job, tmp_root: tmpdir() })}\n`);
    return done;
  }

  /** Asks the server to stop the job it is running; it cleans up and reports `stopped`. */
  stop(): void {
    if (!this.dead && this.waiting) this.child.stdin.write(`${JSON.stringify({ stop: true })}\n`);
  }

  /** Ends the server; a job it is running is stopped and cleaned up first. */
  close(): void {
    this.child.stdin.end();
  }

  /** Ends the server at once (it did not answer a stop). */
  kill(): void {
    this.child.kill("SIGKILL");
  }

  private onLine(line: string): void {
    let event: { id?: unknown; report?: SupervisorReport };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    const waiting = this.waiting;
    if (!waiting || event.id !== waiting.id || typeof event.report !== "object") return;
    this.waiting = undefined;
    waiting.resolve(event.report);
  }

  private fail(error: Error): void {
    this.dead ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}

import { execFile } from "node:child_process";
import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import {
  failedResult,
  fromReport,
  type HarnessJob,
  type SupervisorReport,
  stoppedResult,
} from "../harness-result.ts";
import { HARNESS_ENTRY } from "../harness-source.ts";
import { outputLimitOf } from "../output-limit.ts";
import {
  DEFAULT_TIME_LIMIT_S,
  MEMORY_LIMIT_BYTES,
  OUTPUT_LIMIT_BYTES,
  type Runner,
  type RunRequest,
  type RunResult,
  type TestRequest,
  type TestRunResult,
} from "../types.ts";
import { ForkServer } from "./fork-server.ts";
import { childEnv } from "./process.ts";

export interface CpythonOptions {
  /** The interpreter; default `$PYPREP_PYTHON` or `python3`. */
  python?: string;
  memoryLimitBytes?: number;
  /** Each of stdout and stderr; default OUTPUT_LIMIT_BYTES. */
  outputLimitBytes?: number;
  /** Fork each run from a warm interpreter (default on POSIX); false spawns one per run. */
  forkServer?: boolean;
  /** Most fork servers kept (each runs one job at a time); default three per core. */
  forkServers?: number;
}

/**
 * After the time limit the supervisor stops the job itself; the runner steps in only if it
 * has not reported this much later (SIGTERM), and kills outright a second later.
 */
const BACKSTOP_MS = 2000;
const FORCE_MS = 1000;

/**
 * Native CPython: each run is a process of its own, forked from a warm fork server that
 * supervises it: feeds its stdin, caps its output at the source, enforces the time limit
 * and kills everything the run started on every ending (see pyprep_harness/supervisor.py).
 * A pool of servers runs jobs side by side, one each; with the fork server off (or one
 * dying under a job) a server is spawned for the one run. Used for trusted content
 * (`pyprep check`, CI) and the user's own code in the local CLI, never by the server.
 */
export class CpythonRunner implements Runner {
  readonly backend = "cpython" as const;
  private readonly python: string;
  private readonly memoryLimit: number;
  private readonly outputLimit: number;
  private interpreter: Promise<{ executable: string; version: string }> | undefined;
  private readonly useForkServer: boolean;
  private readonly serverCount: number;
  private servers: ForkServer[] = [];
  /** Servers handed to a job that has not yet started on them. */
  private readonly reserved = new Set<ForkServer>();
  private readonly queue: Array<(server: ForkServer) => void> = [];

  constructor(options: CpythonOptions = {}) {
    this.python = options.python ?? process.env.PYPREP_PYTHON ?? "python3";
    this.memoryLimit = options.memoryLimitBytes ?? MEMORY_LIMIT_BYTES;
    this.outputLimit = options.outputLimitBytes ?? OUTPUT_LIMIT_BYTES;
    this.useForkServer = options.forkServer ?? process.platform !== "win32";
    this.serverCount = Math.max(1, options.forkServers ?? availableParallelism() * 3);
  }

  /**
   * Resolved once: the real interpreter behind `python3`. Version-manager shims (pyenv) are
   * shell scripts that cost a second per spawn, which would dominate every run.
   */
  private resolve(): Promise<{ executable: string; version: string }> {
    this.interpreter ??= promisify(execFile)(this.python, [
      "-I",
      "-c",
      "import sys; print(sys.executable); print(sys.version.split()[0])",
    ]).then(({ stdout }) => {
      const [executable = this.python, version = "?"] = stdout.trim().split("\n");
      return { executable: executable || this.python, version };
    });
    return this.interpreter;
  }

  async version(): Promise<string> {
    return (await this.resolve()).version;
  }

  run(request: RunRequest): Promise<RunResult> {
    return this.execute({ mode: "run", code: request.code, stdin: request.stdin ?? "" }, request);
  }

  runTests(request: TestRequest): Promise<TestRunResult> {
    return this.execute(
      {
        mode: "test",
        code: request.code,
        tests: request.tests,
        ...(request.module !== undefined ? { module: request.module } : {}),
      },
      request,
    );
  }

  async close(): Promise<void> {
    for (const server of this.servers.splice(0)) server.close();
  }

  private async execute(
    job: Pick<HarnessJob, "mode" | "code" | "stdin" | "tests" | "module">,
    request: { timeLimitS?: number; outputLimitBytes?: number },
  ): Promise<TestRunResult> {
    const timeLimitS = request.timeLimitS ?? DEFAULT_TIME_LIMIT_S;
    const outputLimit =
      request.outputLimitBytes !== undefined ? outputLimitOf(request) : this.outputLimit;
    const full: HarnessJob = {
      ...job,
      output_limit: outputLimit,
      memory_limit: this.memoryLimit,
      time_limit_s: timeLimitS,
      env: childEnv(),
    };
    const { executable } = await this.resolve();
    const started = performance.now();
    if (this.useForkServer) {
      const server = await this.idleServer(executable);
      try {
        const ending = await supervise(server, full, timeLimitS);
        if (ending.lost === false || ending.backstopped)
          return finishRun(ending, full, performance.now() - started);
        // The fork server died under this job; it runs the slow way.
      } finally {
        this.release(server);
      }
    }
    const once = new ForkServer(executable, HARNESS_ENTRY, { once: true });
    try {
      return finishRun(await supervise(once, full, timeLimitS), full, performance.now() - started);
    } finally {
      once.close();
    }
  }

  /** A live fork server with no job, started if all are busy and the pool has room. */
  private idleServer(executable: string): Promise<ForkServer> {
    this.servers = this.servers.filter((server) => server.alive);
    const idle = this.servers.find((server) => !server.busy && !this.reserved.has(server));
    if (idle) {
      this.reserved.add(idle);
      return Promise.resolve(idle);
    }
    if (this.servers.length < this.serverCount) {
      const server = new ForkServer(executable, HARNESS_ENTRY);
      this.servers.push(server);
      this.reserved.add(server);
      return Promise.resolve(server);
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(server: ForkServer): void {
    this.reserved.delete(server);
    const next = this.queue.shift();
    if (!next) return;
    if (server.alive) {
      this.reserved.add(server);
      next(server);
    } else {
      void this.resolve().then(({ executable }) => this.idleServer(executable).then(next));
    }
  }
}

/** One job on one server, with the runner's backstop in case the server cannot report. */
async function supervise(server: ForkServer, job: HarnessJob, timeLimitS: number): Promise<Ending> {
  const backstop = new Backstop(timeLimitS, (force) => (force ? server.kill() : server.stop()));
  try {
    return { lost: false, report: await server.run(job), backstopped: backstop.fired };
  } catch (error) {
    return { lost: true, backstopped: backstop.fired, detail: (error as Error).message };
  } finally {
    backstop.clear();
  }
}

/** A job's ending as the runner saw it: the report, or the server died without one. */
type Ending =
  | { lost: false; report: SupervisorReport; backstopped: boolean }
  | { lost: true; backstopped: boolean; detail: string };

/** The one way an ending becomes a result, whichever way the job was started and watched. */
function finishRun(ending: Ending, job: HarnessJob, elapsedMs: number): TestRunResult {
  if (!ending.lost) {
    // Stopped because the runner asked (its backstop): that was the time limit.
    const report =
      ending.backstopped && ending.report.limit === "stopped"
        ? { ...ending.report, limit: "time" as const }
        : ending.report;
    return fromReport(report, job.mode, job.output_limit);
  }
  if (ending.backstopped) return stoppedResult("time", elapsedMs);
  return failedResult(
    "ProcessEnded",
    `python ended without a result (${ending.detail})`,
    elapsedMs,
  );
}

/** The runner's own time-out, in case a supervisor cannot report (see BACKSTOP_MS). */
class Backstop {
  fired = false;
  private timers: Array<ReturnType<typeof setTimeout>> = [];

  constructor(timeLimitS: number, stop: (force: boolean) => void) {
    this.timers.push(
      setTimeout(
        () => {
          this.fired = true;
          stop(false);
          this.timers.push(setTimeout(() => stop(true), FORCE_MS));
        },
        timeLimitS * 1000 + BACKSTOP_MS,
      ),
    );
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }
}

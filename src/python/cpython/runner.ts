import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import {
  failedResult,
  fromHarness,
  type HarnessJob,
  type HarnessResult,
  stoppedResult,
} from "../harness-result.ts";
import { HARNESS_ENTRY } from "../harness-source.ts";
import {
  DEFAULT_TIME_LIMIT_S,
  MEMORY_LIMIT_BYTES,
  OUTPUT_LIMIT_CHARS,
  OUTPUT_TRUNCATED_MARKER,
  type Runner,
  type RunRequest,
  type RunResult,
  type TestRequest,
  type TestRunResult,
} from "../types.ts";
import { ForkServer } from "./fork-server.ts";
import { childEnv, PYTHON_FLAGS } from "./process.ts";

export interface CpythonOptions {
  /** The interpreter; default `$PYPREP_PYTHON` or `python3`. */
  python?: string;
  memoryLimitBytes?: number;
  outputLimitChars?: number;
  /** Fork each run from a warm interpreter (default on POSIX); false spawns one per run. */
  forkServer?: boolean;
}

/**
 * Native CPython in a subprocess per run: `-I` isolation, `-S` (no site-packages: the bank is
 * stdlib-only, and `site` is most of the start-up time), a fresh temp directory as cwd,
 * RLIMIT_AS for memory, a process-group kill for time and for output floods. Used for trusted
 * content (`pyprep check`, CI) and the user's own code in the local CLI, never by the server.
 */
export class CpythonRunner implements Runner {
  readonly backend = "cpython" as const;
  private readonly python: string;
  private readonly memoryLimit: number;
  private readonly outputLimit: number;
  private interpreter: Promise<{ executable: string; version: string }> | undefined;
  private readonly useForkServer: boolean;
  private server: ForkServer | undefined;

  constructor(options: CpythonOptions = {}) {
    this.python = options.python ?? process.env.PYPREP_PYTHON ?? "python3";
    this.memoryLimit = options.memoryLimitBytes ?? MEMORY_LIMIT_BYTES;
    this.outputLimit = options.outputLimitChars ?? OUTPUT_LIMIT_CHARS;
    this.useForkServer = options.forkServer ?? process.platform !== "win32";
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
    return this.execute(
      { mode: "run", code: request.code, stdin: request.stdin ?? "", ...this.limits() },
      request.timeLimitS,
    );
  }

  runTests(request: TestRequest): Promise<TestRunResult> {
    return this.execute(
      { mode: "test", code: request.code, tests: request.tests, ...this.limits() },
      request.timeLimitS,
    );
  }

  private limits(): Pick<HarnessJob, "output_limit" | "memory_limit"> {
    return { output_limit: this.outputLimit, memory_limit: this.memoryLimit };
  }

  async close(): Promise<void> {
    this.server?.close();
    this.server = undefined;
  }

  private forkServer(executable: string): ForkServer {
    if (!this.server?.alive) this.server = new ForkServer(executable, HARNESS_ENTRY);
    return this.server;
  }

  /**
   * One job through the fork server; undefined if the server could not take it (the caller
   * then spawns a process the slow way). Output goes to files whose size is watched, so a
   * flood is stopped within a few milliseconds; the time limit kills the job's session.
   */
  private async runForked(
    executable: string,
    dir: string,
    workdir: string,
    jobPath: string,
    stdin: string,
    timeLimitS: number,
  ): Promise<TestRunResult | undefined> {
    const files = {
      stdin: path.join(dir, "stdin.txt"),
      stdout: path.join(dir, "stdout.txt"),
      stderr: path.join(dir, "stderr.txt"),
      result: path.join(dir, "result.json"),
    };
    await writeFile(files.stdin, stdin);
    const started = performance.now();
    const job = this.forkServer(executable).submit({
      job: jobPath,
      dir: workdir,
      ...files,
      env: childEnv(workdir),
    });
    let limit: RunResult["limit"] = null;
    let pid: number | undefined;
    let stopped!: () => void;
    const killed = new Promise<void>((resolve) => {
      stopped = resolve;
    });
    const kill = (why: RunResult["limit"]) => {
      limit ??= why;
      if (pid === undefined) return; // killed as soon as its pid arrives
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
      stopped();
    };
    job.pid.then(
      (value) => {
        pid = value;
        if (limit) kill(limit);
      },
      () => {},
    );
    const timer = setTimeout(() => kill("time"), timeLimitS * 1000);
    const watch = setInterval(() => {
      void overCap(files.stdout, this.outputLimit).then((over) => over && kill("output"));
      void overCap(files.stderr, this.outputLimit).then((over) => over && kill("output"));
    }, 20);
    try {
      await Promise.race([job.done, killed]);
    } catch {
      return undefined; // the fork server died; this job runs the slow way
    } finally {
      clearTimeout(timer);
      clearInterval(watch);
    }
    return finishRun({
      limit,
      elapsedMs: performance.now() - started,
      stdout: await readCapped(files.stdout, this.outputLimit),
      stderr: await readCapped(files.stderr, this.outputLimit),
      raw: limit === null ? await readFile(files.result, "utf8").catch(() => "") : "",
      detail: "",
    });
  }

  private async execute(
    job: HarnessJob,
    timeLimitS = DEFAULT_TIME_LIMIT_S,
  ): Promise<TestRunResult> {
    const dir = await mkdtemp(path.join(tmpdir(), "pyprep-"));
    const workdir = path.join(dir, "work");
    const jobPath = path.join(dir, "job.json");
    await mkdir(workdir);
    await writeFile(jobPath, JSON.stringify(job));
    const stdin = job.stdin ?? "";
    try {
      const { executable } = await this.resolve();
      if (this.useForkServer) {
        const forked = await this.runForked(executable, dir, workdir, jobPath, stdin, timeLimitS);
        if (forked) return forked;
      }
      return await this.spawnHarness(executable, jobPath, workdir, stdin, timeLimitS);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private spawnHarness(
    executable: string,
    jobPath: string,
    cwd: string,
    stdin: string,
    timeLimitS: number,
  ): Promise<TestRunResult> {
    return new Promise((resolve) => {
      const started = performance.now();
      const child = spawn(executable, [...PYTHON_FLAGS, HARNESS_ENTRY, jobPath], {
        cwd,
        detached: true, // its own process group, so a kill takes its children too
        stdio: ["pipe", "pipe", "pipe", "pipe"],
        env: childEnv(cwd),
      });
      let limit: RunResult["limit"] = null;
      const kill = (why: RunResult["limit"]) => {
        limit ??= why;
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      };
      const stdout = capped(child.stdout, this.outputLimit, () => kill("output"));
      const stderr = capped(child.stderr, this.outputLimit, () => kill("output"));
      const channel: Buffer[] = [];
      (child.stdio[3] as Readable).on("data", (chunk: Buffer) => channel.push(chunk));
      const timer = setTimeout(() => kill("time"), timeLimitS * 1000);
      child.stdin.on("error", () => {}); // the program may exit without reading its input
      child.stdin.end(stdin);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve(
          finishRun({
            limit,
            elapsedMs: performance.now() - started,
            stdout: stdout.text(),
            stderr: stderr.text(),
            raw: Buffer.concat(channel).toString("utf8"),
            detail: ` (exit ${code ?? "?"}, signal ${signal ?? "none"})`,
          }),
        );
      });
    });
  }
}

/** How a run ended, whichever way its process was started and watched. */
interface RunEnding {
  /** The limit the runner stopped it for, if any. */
  limit: RunResult["limit"];
  elapsedMs: number;
  stdout: string;
  stderr: string;
  /** The harness's result JSON; "" when the process ended without writing it. */
  raw: string;
  /** How the process ended, for the message when there is no result. */
  detail: string;
}

/** The one way an ending becomes a result: a limit, no result at all, or the harness's. */
function finishRun(ending: RunEnding): TestRunResult {
  const { limit, elapsedMs, stderr, raw } = ending;
  const stdout = ending.stdout + (limit === "output" ? OUTPUT_TRUNCATED_MARKER : "");
  if (limit !== null) return stoppedResult(limit, elapsedMs, stdout, stderr);
  if (raw === "") {
    const message = `python ended without a result${ending.detail}`;
    return failedResult("ProcessEnded", message, elapsedMs, stdout, stderr);
  }
  return { ...fromHarness(JSON.parse(raw) as HarnessResult), stdout, stderr };
}

/** Collects a stream up to `limit` characters and calls `onOverflow` once past it. */
function capped(stream: Readable, limit: number, onOverflow: () => void) {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let overflowed = false;
  stream.on("data", (chunk: Buffer) => {
    if (overflowed) return;
    chunks.push(chunk);
    bytes += chunk.length;
    // Bytes >= characters, so only decode when the byte count could be over the limit.
    if (bytes > limit && Buffer.concat(chunks).toString("utf8").length > limit) {
      overflowed = true;
      onOverflow();
    }
  });
  return {
    text: () => {
      const text = Buffer.concat(chunks).toString("utf8");
      return overflowed ? text.slice(0, limit) : text;
    },
  };
}

/** Whether a file holds more than `limit` characters; bytes bound characters from above. */
async function overCap(file: string, limit: number): Promise<boolean> {
  const size = (await stat(file).catch(() => undefined))?.size ?? 0;
  if (size <= limit) return false;
  return (await readFile(file, "utf8").catch(() => "")).length > limit;
}

async function readCapped(file: string, limit: number): Promise<string> {
  return (await readFile(file, "utf8").catch(() => "")).slice(0, limit);
}

import type { HarnessJob } from "../harness-result.ts";
import { failedResult, fromHarness, stoppedResult } from "../harness-result.ts";
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
import { type FromWorker, SIGINT, type ToWorker } from "./protocol.ts";

/** What the pool needs of a worker; Node's worker_threads and the browser's Worker both fit. */
export interface WorkerPort {
  post(message: ToWorker): void;
  /** `onExit`: the worker is gone (it exited or crashed); transports that can tell say so. */
  listen(
    onMessage: (message: FromWorker) => void,
    onError: (error: unknown) => void,
    onExit?: (code: number) => void,
  ): void;
  terminate(): void;
}

export interface PyodidePoolOptions {
  /** Starts one worker running the Pyodide host (see host.ts). */
  spawn: () => WorkerPort;
  /** Interpreters kept warm. */
  size: number;
  memoryLimitBytes?: number;
  /** After an interrupt, how long Python gets to stop by itself before its worker is replaced. */
  graceMs?: number;
  /** A worker whose heap grew past this is replaced after its run, to give memory back. */
  recycleHeapBytes?: number;
  /** Where Pyodide's files are (the browser serves them; Node finds them itself). */
  indexURL?: string;
  /** Told whenever the pool's state changes, for a status indicator. */
  onStatus?: (status: PoolStatus) => void;
}

export type PoolStatus = "loading" | "ready" | "running" | "failed";

interface Pending {
  job: HarnessJob;
  timeLimitS: number;
  resolve: (result: TestRunResult) => void;
}

/** SharedArrayBuffer exists only where the page is cross-origin isolated (or in Node). */
function makeInterrupt(): Int32Array | null {
  return typeof SharedArrayBuffer === "function" &&
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false
    ? new Int32Array(new SharedArrayBuffer(4))
    : null;
}

/** One interpreter in one worker. */
class Slot {
  readonly port: WorkerPort;
  readonly interrupt = makeInterrupt();
  readonly ready: Promise<string>;
  busy: { pending: Pending; stop: () => void } | undefined;
  private onResult: ((message: FromWorker) => void) | undefined;
  /** Set once the worker is gone; the run in progress, if any, hears of it. */
  exited: number | undefined;
  private onExit: ((code: number) => void) | undefined;

  constructor(options: PyodidePoolOptions) {
    this.port = options.spawn();
    this.ready = new Promise((resolve, reject) => {
      this.port.listen(
        (message) => {
          if (message.type === "ready") resolve(message.version);
          else if (message.type === "failed" && message.id === null)
            reject(new Error(message.message));
          else this.onResult?.(message);
        },
        (error) => reject(error instanceof Error ? error : new Error(String(error))),
        (code) => {
          this.exited = code;
          reject(new Error(`the Python worker exited (exit code ${code}) while loading`));
          this.onExit?.(code);
        },
      );
    });
    this.ready.catch(() => {}); // observed by runs; an unobserved failure must not crash the host
    this.port.post({
      type: "init",
      interruptBuffer: (this.interrupt?.buffer as SharedArrayBuffer | undefined) ?? null,
      memoryLimitBytes: options.memoryLimitBytes ?? MEMORY_LIMIT_BYTES,
      ...(options.indexURL ? { indexURL: options.indexURL } : {}),
    });
  }

  send(
    id: number,
    job: HarnessJob,
    onResult: (message: FromWorker) => void,
    onExit: (code: number) => void,
  ): void {
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
    this.onResult = onResult;
    this.onExit = onExit;
    if (this.exited !== undefined) onExit(this.exited);
    else this.port.post({ type: "run", id, job });
  }
}

/**
 * The Pyodide backend, for any worker transport: a few warm interpreters, each run from a
 * clean namespace (the harness restores interpreter state). A run past its time limit, or
 * stopped by the user, is interrupted with KeyboardInterrupt through a SharedArrayBuffer;
 * a worker that will not stop, or has no such buffer, is terminated and replaced.
 */
export class PyodidePool implements Runner {
  readonly backend = "pyodide" as const;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PyodidePoolOptions) {}

  /** Starts the interpreters now so the first run does not pay for loading. */
  async warm(all = false): Promise<void> {
    while (this.slots.length < (all ? this.options.size : 1)) this.addSlot();
    await Promise.all(this.slots.map((s) => s.ready));
  }

  async version(): Promise<string> {
    if (this.slots.length === 0) this.addSlot();
    return (this.slots[0] as Slot).ready;
  }

  run(request: RunRequest): Promise<RunResult> {
    return this.submit(
      {
        mode: "run",
        code: request.code,
        stdin: request.stdin ?? "",
        output_limit: outputLimitOf(request),
      },
      request.timeLimitS,
    );
  }

  runTests(request: TestRequest): Promise<TestRunResult> {
    return this.submit(
      {
        mode: "test",
        code: request.code,
        tests: request.tests,
        ...(request.module !== undefined ? { module: request.module } : {}),
        output_limit: OUTPUT_LIMIT_BYTES,
      },
      request.timeLimitS,
    );
  }

  /** Stops every run in progress (the Stop button); queued runs still go ahead. */
  stopAll(): void {
    for (const slot of this.slots) slot.busy?.stop();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots.splice(0)) slot.port.terminate();
    for (const pending of this.queue.splice(0))
      pending.resolve(failedResult("RunnerError", "the runner was closed", 0));
  }

  private addSlot(): Slot {
    const slot = new Slot(this.options);
    this.slots.push(slot);
    this.report();
    slot.ready.then(
      () => this.report(),
      () => this.report(true),
    );
    return slot;
  }

  private report(failed = false): void {
    if (!this.options.onStatus) return;
    if (failed) this.options.onStatus("failed");
    else if (this.slots.some((s) => s.busy)) this.options.onStatus("running");
    else
      this.slots[0]?.ready.then(
        () => this.options.onStatus?.(this.slots.some((s) => s.busy) ? "running" : "ready"),
        () => {},
      );
  }

  private submit(job: HarnessJob, timeLimitS = DEFAULT_TIME_LIMIT_S): Promise<TestRunResult> {
    if (this.closed) return Promise.reject(new Error("the runner is closed"));
    return new Promise((resolve) => {
      this.queue.push({ job, timeLimitS, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    // A worker that went away between runs is replaced before it is given one.
    for (const slot of this.slots.filter((s) => s.exited !== undefined && !s.busy))
      this.replace(slot);
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.options.size) slot = this.addSlot();
      if (!slot) return;
      void this.runOn(slot, this.queue.shift() as Pending);
    }
  }

  private async runOn(slot: Slot, pending: Pending): Promise<void> {
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let grace: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    let stoppedFor: RunResult["limit"] = null;
    const finish = (result: TestRunResult, replace: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(grace);
      pending.resolve(result);
      if (replace) this.replace(slot);
      else slot.busy = undefined;
      this.report();
      this.dispatch();
    };
    // Interrupt politely; if Python does not stop within the grace period, replace the worker.
    const stop = (limit: "time" | "stopped") => {
      stoppedFor ??= limit;
      if (slot.interrupt) {
        Atomics.store(slot.interrupt, 0, SIGINT);
        grace ??= setTimeout(
          () => finish(stoppedResult(limit, performance.now() - started), true),
          this.options.graceMs ?? 1000,
        );
      } else {
        finish(stoppedResult(limit, performance.now() - started), true);
      }
    };
    slot.busy = { pending, stop: () => stop("stopped") };
    this.report();
    try {
      await slot.ready;
    } catch (error) {
      finish(
        failedResult(
          "RunnerError",
          String((error as Error)?.message ?? error),
          performance.now() - started,
        ),
        true,
      );
      return;
    }
    if (done) return; // stopped while the interpreter was still loading
    if (stoppedFor) {
      // Stopped before Python was given the job: nothing ran, the interpreter is as it was.
      finish(stoppedResult(stoppedFor, performance.now() - started), false);
      return;
    }
    const id = this.nextId++;
    // The time limit counts from when Python starts, not from when the job was queued.
    timer = setTimeout(() => stop("time"), pending.timeLimitS * 1000);
    slot.send(
      id,
      pending.job,
      (message) => {
        if (message.type === "result" && message.id === id) {
          const result = fromHarness(message.result);
          // Python only sees a KeyboardInterrupt; we know whether the clock or the user sent it.
          if (result.limit === "time" && stoppedFor) result.limit = stoppedFor;
          const heavy = message.heapBytes > (this.options.recycleHeapBytes ?? 256 * 1024 * 1024);
          finish(result, heavy || message.recycle === true);
        } else if (message.type === "failed" && message.id === id) {
          const ms = performance.now() - started;
          // An interrupt that lands in the harness (setting the run up, before the program's
          // first line) fails the job, not the program: still the stop that was asked for.
          // The half-restored interpreter is replaced either way.
          finish(
            stoppedFor
              ? stoppedResult(stoppedFor, ms)
              : failedResult("RunnerError", message.message, ms),
            true,
          );
        }
      },
      (code) => {
        const message = `the Python worker exited (exit code ${code}) during the run`;
        finish(failedResult("WorkerExited", message, performance.now() - started), true);
      },
    );
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    slot.port.terminate();
    if (index >= 0) this.slots.splice(index, 1);
    // A fresh interpreter starts loading now, so the next run waits less.
    if (!this.closed && this.slots.length < this.options.size) this.addSlot();
  }
}

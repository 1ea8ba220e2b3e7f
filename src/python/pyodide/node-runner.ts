import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { fromHarness, stoppedResult } from "../harness-result.ts";
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
import { type FromWorker, type HarnessJob, SIGINT, type ToWorker } from "./protocol.ts";

export interface PyodidePoolOptions {
  /** Workers kept; each holds its own interpreter. Default: the machine's cores, at most 4. */
  size?: number;
  memoryLimitBytes?: number;
  /** After an interrupt, how long Python gets to stop by itself before the worker is replaced. */
  graceMs?: number;
  /** A worker whose heap grew past this is replaced after its run, to give memory back. */
  recycleHeapBytes?: number;
}

interface Pending {
  job: HarnessJob;
  timeLimit: number;
  resolve: (result: TestRunResult) => void;
}

/** One Pyodide interpreter in a worker thread. */
class Slot {
  worker: Worker;
  readonly interrupt = new Int32Array(new SharedArrayBuffer(4));
  ready: Promise<string>;
  busy: Pending | undefined;
  private onResult: ((message: FromWorker) => void) | undefined;

  constructor(memoryLimitBytes: number) {
    this.worker = new Worker(new URL("./node-worker-entry.mjs", import.meta.url));
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type === "ready") resolve(message.version);
        else if (message.type === "failed" && message.id === null)
          reject(new Error(message.message));
        else this.onResult?.(message);
      };
      this.worker.on("message", onMessage);
      this.worker.once("error", reject);
    });
    const init: ToWorker = {
      type: "init",
      interruptBuffer: this.interrupt.buffer as SharedArrayBuffer,
      memoryLimitBytes,
    };
    this.worker.postMessage(init);
  }

  send(id: number, job: HarnessJob, onResult: (message: FromWorker) => void): void {
    Atomics.store(this.interrupt, 0, 0);
    this.onResult = onResult;
    const message: ToWorker = { type: "run", id, job };
    this.worker.postMessage(message);
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * The Pyodide backend in Node: a small pool of worker threads, each a warm interpreter.
 * Each run starts from a clean namespace (the harness restores interpreter state); a run
 * past its time limit is interrupted, and a worker that will not stop is replaced.
 */
export class PyodideRunner implements Runner {
  readonly backend = "pyodide" as const;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly size: number;
  private readonly memoryLimit: number;
  private readonly graceMs: number;
  private readonly recycleHeap: number;
  private nextId = 1;
  private closed = false;

  constructor(options: PyodidePoolOptions = {}) {
    this.size = options.size ?? Math.min(4, availableParallelism());
    this.memoryLimit = options.memoryLimitBytes ?? MEMORY_LIMIT_BYTES;
    this.graceMs = options.graceMs ?? 1000;
    this.recycleHeap = options.recycleHeapBytes ?? 256 * 1024 * 1024;
  }

  /** Starts the first interpreter (or all of them) so the first run does not pay the load. */
  async warm(all = false): Promise<void> {
    while (this.slots.length < (all ? this.size : 1)) this.slots.push(new Slot(this.memoryLimit));
    await Promise.all(this.slots.map((s) => s.ready));
  }

  async version(): Promise<string> {
    if (this.slots.length === 0) this.slots.push(new Slot(this.memoryLimit));
    return (this.slots[0] as Slot).ready;
  }

  run(request: RunRequest): Promise<RunResult> {
    return this.submit(
      {
        mode: "run",
        code: request.code,
        stdin: request.stdin ?? "",
        output_limit: OUTPUT_LIMIT_CHARS,
      },
      request.timeLimit,
    );
  }

  runTests(request: TestRequest): Promise<TestRunResult> {
    return this.submit(
      { mode: "test", code: request.code, tests: request.tests, output_limit: OUTPUT_LIMIT_CHARS },
      request.timeLimit,
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.splice(0).map((s) => s.stop()));
  }

  private submit(job: HarnessJob, timeLimit = DEFAULT_TIME_LIMIT_S): Promise<TestRunResult> {
    if (this.closed) return Promise.reject(new Error("the runner is closed"));
    return new Promise((resolve) => {
      this.queue.push({ job, timeLimit, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) {
        slot = new Slot(this.memoryLimit);
        this.slots.push(slot);
      }
      if (!slot) return;
      const pending = this.queue.shift() as Pending;
      slot.busy = pending;
      void this.runOn(slot, pending);
    }
  }

  private async runOn(slot: Slot, pending: Pending): Promise<void> {
    const started = performance.now();
    const finish = (result: TestRunResult, replace: boolean) => {
      clearTimeout(timer);
      clearTimeout(grace);
      if (result.limit === "output") result.stdout += OUTPUT_TRUNCATED_MARKER;
      pending.resolve(result);
      if (replace) this.replace(slot);
      else slot.busy = undefined;
      this.dispatch();
    };
    let grace: NodeJS.Timeout | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await slot.ready;
    } catch (error) {
      finish(loadFailure(error, performance.now() - started), true);
      return;
    }
    const id = this.nextId++;
    // The time limit counts from when Python starts, not from when the job was queued.
    timer = setTimeout(() => {
      Atomics.store(slot.interrupt, 0, SIGINT);
      grace = setTimeout(
        () => finish(stoppedResult("time", performance.now() - started), true),
        this.graceMs,
      );
    }, pending.timeLimit * 1000);
    slot.send(id, pending.job, (message) => {
      if (message.type === "result" && message.id === id) {
        finish(fromHarness(message.result), message.heapBytes > this.recycleHeap);
      } else if (message.type === "failed" && message.id === id) {
        finish(loadFailure(new Error(message.message), performance.now() - started), true);
      }
    });
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    void slot.stop();
    if (index >= 0) this.slots.splice(index, 1);
    // A fresh interpreter starts loading now, so the next run does not wait the whole load.
    if (!this.closed && this.slots.length < this.size) this.slots.push(new Slot(this.memoryLimit));
  }
}

function loadFailure(error: unknown, durationMs: number): TestRunResult {
  const message = String((error as Error)?.message ?? error);
  return {
    ...stoppedResult(null, durationMs),
    exception: { type: "RunnerError", message, line: `RunnerError: ${message}`, traceback: "" },
  };
}

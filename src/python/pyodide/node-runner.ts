import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { PyodidePool, type PyodidePoolOptions, type WorkerPort } from "./pool.ts";
import type { FromWorker } from "./protocol.ts";

const ENTRY = new URL("./node-worker-entry.mjs", import.meta.url);

/** Node's transport for the pool: a worker thread running `entry` (node-worker.ts). */
export function nodeWorkerPort(entry: URL = ENTRY): WorkerPort {
  const worker = new Worker(entry);
  worker.unref(); // an idle interpreter must not keep a CLI alive
  let terminated = false;
  return {
    post: (message) => worker.postMessage(message),
    listen: (onMessage, onError, onExit) => {
      worker.on("message", (message: FromWorker) => onMessage(message));
      worker.on("error", onError);
      // A worker that ends by itself (process.exit in it, a crash) is reported, not waited for.
      worker.on("exit", (code) => {
        if (!terminated) onExit?.(code);
      });
    },
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
}

/** The Pyodide backend in Node: a pool of worker threads, each a warm interpreter. */
export class PyodideRunner extends PyodidePool {
  constructor(options: Partial<Omit<PyodidePoolOptions, "spawn">> = {}) {
    super({
      size: Math.min(4, availableParallelism()),
      ...options,
      spawn: () => nodeWorkerPort(),
    });
  }
}

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { PyodidePool, type PyodidePoolOptions, type WorkerPort } from "./pool.ts";
import type { FromWorker } from "./protocol.ts";

/** Node's transport for the pool: a worker thread running node-worker.ts. */
function spawnNodeWorker(): WorkerPort {
  const worker = new Worker(new URL("./node-worker-entry.mjs", import.meta.url));
  worker.unref(); // an idle interpreter must not keep a CLI alive
  return {
    post: (message) => worker.postMessage(message),
    listen: (onMessage, onError) => {
      worker.on("message", (message: FromWorker) => onMessage(message));
      worker.on("error", onError);
    },
    terminate: () => void worker.terminate(),
  };
}

/** The Pyodide backend in Node: a pool of worker threads, each a warm interpreter. */
export class PyodideRunner extends PyodidePool {
  constructor(options: Partial<Omit<PyodidePoolOptions, "spawn">> = {}) {
    super({ size: Math.min(4, availableParallelism()), ...options, spawn: spawnNodeWorker });
  }
}

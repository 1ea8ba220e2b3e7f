import { type PoolStatus, PyodidePool, type WorkerPort } from "../../python/pyodide/pool.ts";
import type { FromWorker } from "../../python/pyodide/protocol.ts";

function spawnWebWorker(): WorkerPort {
  const worker = new Worker(new URL("./pyodide-worker.ts", import.meta.url), {
    type: "module",
    name: "python",
  });
  return {
    post: (message) => worker.postMessage(message),
    listen: (onMessage, onError) => {
      worker.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
      worker.onerror = (event) =>
        onError(new Error(event.message || "the Python worker failed to start"));
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * Python for the page: one Pyodide interpreter in a Web Worker, loaded from `/pyodide/`.
 * Stop and the time limit interrupt through a SharedArrayBuffer when the page is
 * cross-origin isolated, and fall back to replacing the worker when it is not.
 */
export function createBrowserRunner(onStatus?: (status: PoolStatus) => void): PyodidePool {
  return new PyodidePool({
    size: 1,
    indexURL: new URL("/pyodide/", location.href).href,
    spawn: spawnWebWorker,
    ...(onStatus ? { onStatus } : {}),
  });
}

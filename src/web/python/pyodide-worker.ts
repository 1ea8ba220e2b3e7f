// The browser's transport for the shared Pyodide host: a dedicated module Web Worker.
import { HARNESS_FILES } from "../../python/harness-bundle.ts";
import { createPyodideHost } from "../../python/pyodide/host.ts";
import type { FromWorker, ToWorker } from "../../python/pyodide/protocol.ts";

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const handle = createPyodideHost(
  async (options) => {
    // Pyodide's own files come from our server (never a CDN); the URL is only known at run time.
    const url = `${options.indexURL ?? "/pyodide/"}pyodide.mjs`;
    const { loadPyodide } = (await import(/* @vite-ignore */ url)) as typeof import("pyodide");
    return loadPyodide(options);
  },
  HARNESS_FILES,
  (message) => scope.postMessage(message),
);

scope.onmessage = (event) => {
  void handle(event.data);
};

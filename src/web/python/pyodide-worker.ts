// The browser's transport for the shared Pyodide host: a dedicated module Web Worker.
import { HARNESS_FILES } from "../../python/harness-bundle.ts";
import { createPyodideHost } from "../../python/pyodide/host.ts";
import type { FromWorker, ToWorker } from "../../python/pyodide/protocol.ts";
import { loadPython } from "./load-pyodide.ts";

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const handle = createPyodideHost(loadPython, HARNESS_FILES, (message) =>
  scope.postMessage(message),
);

scope.onmessage = (event) => {
  void handle(event.data);
};

import { parentPort } from "node:worker_threads";
import { loadPyodide } from "pyodide";
import { harnessFiles } from "../harness-source.ts";
import { createPyodideHost } from "./host.ts";
import { lockDownNode, sandboxGlobals } from "./node-lockdown.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

// Node's transport for the shared Pyodide host: worker_threads messages.
const port = parentPort;
if (!port) throw new Error("node-worker.ts must run inside a worker thread");
const handle = createPyodideHost(
  loadPyodide,
  harnessFiles(),
  (message: FromWorker) => port.postMessage(message),
  { jsglobals: sandboxGlobals(), sandbox: lockDownNode },
);
port.on("message", (message: ToWorker) => {
  void handle(message);
});

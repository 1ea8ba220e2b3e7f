/**
 * Messages between a runner and its Pyodide worker. The same protocol serves Node's
 * worker_threads and the browser's Web Worker; only the transport differs.
 */
import type { HarnessJob, HarnessResult } from "../harness-result.ts";

export type ToWorker =
  | {
      type: "init";
      /** Int32Array-sized SharedArrayBuffer: writing 2 at [0] raises KeyboardInterrupt. */
      interruptBuffer: SharedArrayBuffer | null;
      memoryLimitBytes: number;
      /** Where pyodide.asm.wasm and python_stdlib.zip live (a directory URL or path). */
      indexURL?: string;
    }
  | { type: "run"; id: number; job: HarnessJob };

export type FromWorker =
  | { type: "ready"; version: string; loadMs: number }
  | {
      type: "result";
      id: number;
      result: HarnessResult;
      heapBytes: number;
      /** The run did what cannot be put back (see the harness's audit hook): replace the worker. */
      recycle?: boolean;
    }
  | { type: "failed"; id: number | null; message: string };

/** Value written into the interrupt buffer: SIGINT, which Python raises as KeyboardInterrupt. */
export const SIGINT = 2;

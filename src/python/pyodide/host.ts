import type { PyodideAPI } from "pyodide";
import type { HarnessJob, HarnessResult } from "../harness-result.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

type LoadPyodide = (options: {
  indexURL?: string;
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
}) => Promise<PyodideAPI>;

/**
 * The worker side of the Pyodide runner, for any worker transport: give it the messages it
 * receives and a way to post replies. It caps WebAssembly memory growth before Pyodide loads,
 * so a memory bomb ends in MemoryError instead of taking the tab or process down.
 */
export function createPyodideHost(
  load: LoadPyodide,
  /** The harness package's files by name (`entry.py` → source). */
  harness: Record<string, string>,
  post: (message: FromWorker) => void,
) {
  let runJob: ((json: string) => string) | undefined;
  let pyodide: PyodideAPI | undefined;
  let runCounter = 0;

  async function init(message: Extract<ToWorker, { type: "init" }>): Promise<void> {
    capMemoryGrowth(message.memoryLimitBytes);
    const started = performance.now();
    pyodide = await load({
      ...(message.indexURL ? { indexURL: message.indexURL } : {}),
      stdout: () => {},
      stderr: () => {},
    });
    if (message.interruptBuffer)
      pyodide.setInterruptBuffer(new Int32Array(message.interruptBuffer));
    pyodide.FS.mkdirTree("/pyprep/pyprep_harness");
    for (const [name, source] of Object.entries(harness))
      pyodide.FS.writeFile(`/pyprep/pyprep_harness/${name}`, source);
    // On sys.path only while the harness is imported: programs see the interpreter's own path.
    const version = pyodide.runPython(
      [
        "import sys",
        "sys.path.insert(0, '/pyprep')",
        "try:",
        "    import pyprep_harness",
        "finally:",
        "    sys.path.remove('/pyprep')",
        "pyprep_harness.init_pyodide()",
      ].join("\n"),
    ) as string;
    const module = pyodide.pyimport("pyprep_harness");
    runJob = (json: string) => module.run_job_json(json) as string;
    post({ type: "ready", version, loadMs: performance.now() - started });
  }

  function run(id: number, job: HarnessJob): void {
    if (!runJob || !pyodide) {
      post({ type: "failed", id, message: "Python is not loaded yet" });
      return;
    }
    runCounter += 1;
    const text = runJob(JSON.stringify({ ...job, workdir: `/tmp/run-${runCounter}` }));
    post({
      type: "result",
      id,
      result: JSON.parse(text) as HarnessResult,
      heapBytes: (pyodide as unknown as { _module: { HEAP8: Uint8Array } })._module.HEAP8.length,
    });
  }

  return async function handle(message: ToWorker): Promise<void> {
    try {
      if (message.type === "init") await init(message);
      else run(message.id, message.job);
    } catch (error) {
      post({
        type: "failed",
        id: message.type === "run" ? message.id : null,
        message: String((error as Error)?.message ?? error),
      });
    }
  };
}

/**
 * Emscripten grows the heap through `WebAssembly.Memory.prototype.grow` and turns a thrown
 * error into a failed malloc, which Python raises as MemoryError. Capping it here is the only
 * memory limit a WebAssembly interpreter can have short of the 4 GB address space.
 */
function capMemoryGrowth(limitBytes: number): void {
  const proto = WebAssembly.Memory.prototype as WebAssembly.Memory & { __pyprepCapped?: boolean };
  if (proto.__pyprepCapped) return;
  const grow = proto.grow;
  proto.grow = function cappedGrow(this: WebAssembly.Memory, pages: number): number {
    if (this.buffer.byteLength + pages * 65536 > limitBytes) {
      throw new RangeError(`memory limit of ${limitBytes} bytes reached`);
    }
    return grow.call(this, pages);
  };
  proto.__pyprepCapped = true;
}

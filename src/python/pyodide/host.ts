import type { PyodideAPI } from "pyodide";
import { type HarnessJob, parseHarnessResult } from "../harness-result.ts";
import { truncatedMarker } from "../output-limit.ts";
import { StreamCapture } from "./capture.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

type LoadPyodide = (options: {
  indexURL?: string;
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  jsglobals?: object;
}) => Promise<PyodideAPI>;

export interface HostOptions {
  /** What Python's `js` module is; default the worker's globalThis (see node-lockdown.ts). */
  jsglobals?: object;
  /**
   * Runs once the interpreter and the harness are loaded, before the first run: Node takes
   * away what a run must not reach there (see node-lockdown.ts). Also tells the harness that
   * os.system would reach the host.
   */
  sandbox?: (pyodide: PyodideAPI) => void;
}

/** What the host keeps of the harness: its version and the run function bound to its state. */
interface Harness {
  run: (json: string) => string;
}

/**
 * The worker side of the Pyodide runner, for any worker transport: give it the messages it
 * receives and a way to post replies. It caps WebAssembly memory growth before Pyodide loads,
 * so a memory bomb ends in MemoryError instead of taking the tab or process down, and owns
 * the program's standard streams (file descriptors 0-2), so output is capped where it is
 * written, `print` and `os.write(1, ...)` alike.
 */
export function createPyodideHost(
  load: LoadPyodide,
  /** The harness package's files by name (`entry.py` → source). */
  harness: Record<string, string>,
  post: (message: FromWorker) => void,
  options: HostOptions = {},
) {
  let python: Harness | undefined;
  let pyodide: PyodideAPI | undefined;
  let runCounter = 0;
  let tainted = false;
  let capture: StreamCapture | undefined;

  async function init(message: Extract<ToWorker, { type: "init" }>): Promise<void> {
    capMemoryGrowth(message.memoryLimitBytes);
    const started = performance.now();
    pyodide = await load({
      ...(message.indexURL ? { indexURL: message.indexURL } : {}),
      ...(options.jsglobals ? { jsglobals: options.jsglobals } : {}),
      stdout: () => {},
      stderr: () => {},
    });
    if (message.interruptBuffer)
      pyodide.setInterruptBuffer(new Int32Array(message.interruptBuffer));
    const streams = new StreamCapture();
    pyodide.setStdout({ write: (buffer: Uint8Array) => streams.write(1, buffer) });
    pyodide.setStderr({ write: (buffer: Uint8Array) => streams.write(2, buffer) });
    pyodide.setStdin({ read: (buffer: Uint8Array) => streams.read(buffer) });
    capture = streams;
    pyodide.FS.mkdirTree("/pyprep/pyprep_harness");
    for (const [name, source] of Object.entries(harness))
      pyodide.FS.writeFile(`/pyprep/pyprep_harness/${name}`, source);
    // On sys.path only while the harness is imported: programs see the interpreter's own path.
    pyodide.runPython(
      [
        "import sys",
        "sys.path.insert(0, '/pyprep')",
        "try:",
        "    import pyprep_harness",
        "finally:",
        "    sys.path.remove('/pyprep')",
      ].join("\n"),
    );
    const module = pyodide.pyimport("pyprep_harness");
    const taint = () => {
      tainted = true;
    };
    const ready = module.init_pyodide.callKwargs({ sandbox: Boolean(options.sandbox), taint });
    const [version, run] = ready.toJs({ depth: 1 }) as [string, (json: string) => string];
    python = { run };
    options.sandbox?.(pyodide);
    post({ type: "ready", version, loadMs: performance.now() - started });
  }

  function run(id: number, job: HarnessJob): void {
    if (!python || !pyodide || !capture) {
      post({ type: "failed", id, message: "Python is not loaded yet" });
      return;
    }
    runCounter += 1;
    capture.begin(job.stdin ?? "", job.output_limit);
    let text: string;
    try {
      text = python.run(JSON.stringify({ ...job, workdir: `/tmp/run-${runCounter}` }));
    } finally {
      capture.end();
    }
    const raw = parseHarnessResult(JSON.parse(text));
    const streams = capture.texts();
    const result = streams.overflowed
      ? {
          ...raw,
          limit: "output" as const,
          exception: null,
          stdout: streams.stdout + truncatedMarker(job.output_limit),
          stderr: streams.stderr,
        }
      : { ...raw, stdout: streams.stdout, stderr: streams.stderr };
    post({
      type: "result",
      id,
      result,
      heapBytes: (pyodide as unknown as { _module: { HEAP8: Uint8Array } })._module.HEAP8.length,
      recycle: tainted,
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

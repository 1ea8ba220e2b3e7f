import type { PoolStatus, PyodidePool } from "../../python/pyodide/pool.ts";
import type { RunRequest, RunResult, TestRequest, TestRunResult } from "../../python/types.ts";

/**
 * The page's one Python: the runner module (and with it the worker and Pyodide) is
 * imported lazily, so the first paint never waits for it. `startPython()` runs as soon
 * as the app opens; every screen reads `pythonStatus()` and only Run buttons wait.
 */

export type PythonState = "idle" | PoolStatus;

let state: PythonState = "idle";
let version: string | null = null;
let runner: Promise<PyodidePool> | null = null;
const listeners = new Set<() => void>();

function set(next: PythonState): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

export function subscribePython(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function pythonState(): PythonState {
  return state;
}

export function pythonVersion(): string | null {
  return version;
}

export function startPython(): Promise<PyodidePool> {
  runner ??= import("./browser-runner.ts").then(({ createBrowserRunner }) => {
    const pool = createBrowserRunner(set);
    set("loading");
    pool.version().then(
      (v) => {
        version = v;
        // For the benchmark (bench/web.bench.ts): time from navigation to a usable Python.
        performance.mark("pyprep:python-ready");
        set("ready");
      },
      () => set("failed"),
    );
    return pool;
  });
  return runner;
}

export async function runPython(request: RunRequest): Promise<RunResult> {
  return (await startPython()).run(request);
}

export async function runPythonTests(request: TestRequest): Promise<TestRunResult> {
  return (await startPython()).runTests(request);
}

/** The Stop button and Esc: interrupts whatever runs; the run resolves with limit "stopped". */
export function stopPython(): void {
  void runner?.then((pool) => pool.stopAll());
}

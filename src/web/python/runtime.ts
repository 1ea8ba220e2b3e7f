import type { PoolStatus, PyodidePool } from "../../python/pyodide/pool.ts";
import type { RunRequest, RunResult, TestRequest, TestRunResult } from "../../python/types.ts";
import { createBrowserRunner } from "./browser-runner.ts";

/**
 * The page's one Python. `startPython()` runs first thing when the app opens (main.tsx),
 * before the first screen renders: it creates the worker at once (the runner module is
 * small, so it is part of the entry bundle and costs no extra round trip), and the worker
 * restores Python from the build's memory snapshot (load-pyodide.ts) while the screen
 * renders. Nothing but Run buttons waits for it.
 */

export type PythonState = "idle" | PoolStatus;

/**
 * What to tell the candidate, for the status pill and Run buttons. A run asked for while
 * Python loads is waiting for it: the phase stays "loading" (never "running") until Python
 * is ready, then the run starts. `queued` counts runs waiting their turn: behind the load,
 * or behind a run in progress (one interpreter runs one program at a time).
 */
export interface PythonActivity {
  phase: "loading" | "ready" | "running" | "failed";
  queued: number;
}

let state: PythonState = "idle";
let version: string | null = null;
let loaded = false;
let pending = 0;
let runner: PyodidePool | null = null;
let activity: PythonActivity = { phase: "loading", queued: 0 };
const listeners = new Set<() => void>();

function notify(): void {
  const phase: PythonActivity["phase"] =
    state === "failed" ? "failed" : !loaded ? "loading" : pending > 0 ? "running" : "ready";
  const queued = loaded ? Math.max(0, pending - 1) : pending;
  // A new object only on a change: useSyncExternalStore compares snapshots by identity.
  if (phase !== activity.phase || queued !== activity.queued) activity = { phase, queued };
  for (const listener of listeners) listener();
}

function set(next: PythonState): void {
  if (next === state) return;
  state = next;
  notify();
}

export function subscribePython(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The pool's own status ("running" includes a run that waits for Python to load). */
export function pythonState(): PythonState {
  return state;
}

export function pythonActivity(): PythonActivity {
  return activity;
}

export function pythonVersion(): string | null {
  return version;
}

export function startPython(): Promise<PyodidePool> {
  if (!runner) {
    const pool = createBrowserRunner(set);
    runner = pool;
    set("loading");
    pool.version().then(
      (v) => {
        version = v;
        loaded = true;
        // For the benchmark (bench/web.bench.ts): time from navigation to a usable Python.
        performance.mark("pyprep:python-ready");
        set("ready");
        notify();
      },
      () => set("failed"),
    );
  }
  return Promise.resolve(runner);
}

async function counted<T>(work: (pool: PyodidePool) => Promise<T>): Promise<T> {
  const pool = await startPython();
  pending++;
  notify();
  try {
    return await work(pool);
  } finally {
    pending--;
    notify();
  }
}

export function runPython(request: RunRequest): Promise<RunResult> {
  return counted((pool) => pool.run(request));
}

export function runPythonTests(request: TestRequest): Promise<TestRunResult> {
  return counted((pool) => pool.runTests(request));
}

/** The Stop button and Esc: interrupts whatever runs; the run resolves with limit "stopped". */
export function stopPython(): void {
  runner?.stopAll();
}

import { CpythonRunner } from "../../src/python/cpython/runner.ts";
import { PyodideRunner } from "../../src/python/pyodide/node-runner.ts";
import type { Runner } from "../../src/python/types.ts";

/** Every way the runner can run Python here; a suite takes the ones its behaviour applies to. */
export const TARGETS = {
  cpython: () => new CpythonRunner(),
  // The fallback when the fork server cannot be used: a process spawned per run.
  "cpython (spawn per run)": () => new CpythonRunner({ forkServer: false }),
  pyodide: () => new PyodideRunner({ size: 1 }),
} satisfies Record<string, () => Runner>;

export type TargetName = keyof typeof TARGETS;

export const ALL_TARGETS = Object.keys(TARGETS) as TargetName[];
export const CPYTHON_TARGETS: TargetName[] = ["cpython", "cpython (spawn per run)"];

/** The output cap every backend enforces, in bytes of UTF-8. */
export const OUTPUT_CAP_BYTES = 64 * 1024;

/** Whether a process exists (signal 0 only asks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Polls `check` until it holds or `ms` pass; the last value either way. */
export async function eventually(check: () => boolean, ms = 2000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

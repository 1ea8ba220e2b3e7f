import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

/**
 * Child processes for tests that cannot leak. Each child leads its own process group,
 * so stopping it also stops whatever it started; every live child is remembered and
 * killed (group and all) when this test process exits, however it exits short of
 * SIGKILL; and a child told `PYPREP_EXIT_WITH_STDIN=1` keeps a pipe to us on stdin and
 * shuts itself down when that pipe closes, which covers SIGKILL too.
 */
const live = new Set<ChildProcess>();
let guarded = false;

function guardAgainstOrphans(): void {
  if (guarded) return;
  guarded = true;
  const killAll = () => {
    for (const child of live) killGroup(child, "SIGKILL");
  };
  process.once("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

/** `spawn` in a new process group, tracked until it exits. stdin is a pipe held by us. */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, "detached" | "stdio"> & { stdout?: "pipe" | "ignore" } = {},
): ChildProcess {
  guardAgainstOrphans();
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: ["pipe", options.stdout ?? "pipe", "pipe"],
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  // Our end of its stdin must not keep this process alive on its own.
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return child;
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Signals the child's whole process group; false when it was already gone. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (!child.pid || !isRunning(child)) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to the group, then SIGKILL if it has not exited within `graceMs`. Resolves
 * with the exit code (null when killed by a signal) once it has really gone.
 */
export function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<number | null> {
  return new Promise((resolve) => {
    if (!isRunning(child)) return resolve(child.exitCode);
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    killGroup(child, "SIGTERM");
  });
}

/** How many children are still running: tests assert 0 after stopping theirs. */
export function liveChildren(): number {
  return [...live].filter(isRunning).length;
}

import { spawn } from "node:child_process";
import { constants } from "node:os";

/** Set in the supervised child, so it serves instead of supervising again. */
export const SUPERVISED_ENV = "PYPREP_SUPERVISED";

/**
 * Why a signal may have ended the server, for the signals a process cannot report
 * itself. A SIGBUS in SQLite means a memory-mapped page (the WAL index, `-shm`) could
 * not be read back: the disk is full or the file was truncated or removed while open.
 */
const HINTS: Partial<Record<NodeJS.Signals, string>> = {
  SIGBUS:
    "a memory-mapped database page could not be read (SQLite's -shm/-wal beside the database): the disk is probably full, or the file was truncated or deleted while in use; free space or restore the file, then start again",
  SIGSEGV: "a native module crashed (better-sqlite3, argon2): please report it with the log",
  SIGKILL: "killed from outside (out of memory, or kill -9)",
};

export interface SuperviseOptions {
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Where the one JSON line about a fatal signal goes; default stderr. */
  write?: (line: string) => void;
  /** What the line names as the data's home, for the hint. */
  database?: string;
}

/**
 * Runs the server as a child and says, in one JSON log line, when a signal it cannot
 * catch ended it (a SIGBUS or SIGSEGV stops a Node process before any JavaScript can
 * log). SIGINT and SIGTERM are passed on. Resolves with the exit status to use:
 * the child's own, or 128 + the signal's number.
 */
export function supervise(options: SuperviseOptions): Promise<number> {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, [...options.args], {
      env: { ...(options.env ?? process.env), [SUPERVISED_ENV]: "1" },
      // The IPC channel is only a lifeline: it closes when the supervisor dies, even by
      // SIGKILL, and the child (`whenSupervisorGoes`) stops instead of serving orphaned.
      stdio: ["inherit", "inherit", "inherit", "ipc"],
    });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onInt = forward("SIGINT");
    const onTerm = forward("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      if (signal === null || signal === "SIGINT" || signal === "SIGTERM") {
        resolve(code ?? 0);
        return;
      }
      write(
        JSON.stringify({
          level: 60,
          time: Date.now(),
          service: "pyprep",
          msg: `the server was killed by ${signal}`,
          signal,
          pid: child.pid,
          ...(options.database ? { database: options.database } : {}),
          hint: HINTS[signal] ?? "ended by a signal it could not handle",
        }),
      );
      resolve(128 + (constants.signals[signal] ?? 0));
    });
  });
}

/**
 * In the supervised child: calls `stop` once when the supervisor is gone (its IPC channel
 * closed). Without it, `kill -9` of `pyprep serve` would leave the server running with
 * parent 1, holding the port and the database. The channel must not keep the child alive
 * on its own, so it is unreferenced.
 */
export function whenSupervisorGoes(stop: () => void): void {
  if (!process.send || process.env[SUPERVISED_ENV] !== "1") return;
  if (!process.connected) {
    stop(); // gone while the server was starting
    return;
  }
  process.once("disconnect", stop);
  process.channel?.unref();
}

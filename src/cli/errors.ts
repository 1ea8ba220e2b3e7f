import { CommanderError } from "commander";
import { ConfigError } from "../server/config.ts";
import { StoreInputError, UnknownUserError } from "../store/errors.ts";

/** Bad input the user can fix: printed as one line, exit status 1 unless said otherwise. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** Ctrl-C at a prompt or while waiting: stop cleanly, keep what was saved. */
export class Interrupted extends Error {
  constructor() {
    super("interrupted");
    this.name = "Interrupted";
  }
}

/** 128 + SIGINT, what shells report for a program stopped by Ctrl-C. */
export const INTERRUPTED_EXIT_CODE = 130;

const FILE_ERRORS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "a part of the path is not a folder",
  EEXIST: "already exists",
  ENOSPC: "no space left on the device",
  EROFS: "read-only file system",
};

/**
 * Every error the CLI can meet, as the one line the user sees. Typed errors from the
 * layers below are translated here and nowhere else; anything unexpected keeps its
 * message (the stack only with PYPREP_DEBUG=1).
 */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof Interrupted) return { message: "stopped", exitCode: INTERRUPTED_EXIT_CODE };
  if (error instanceof CommanderError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof ConfigError) return { message: error.problems.join("; "), exitCode: 2 };
  if (error instanceof StoreInputError || error instanceof UnknownUserError) {
    return { message: error.message, exitCode: 1 };
  }
  const reason = fileErrorReason(error);
  const file = (error as { path?: unknown } | null)?.path;
  if (reason && typeof file === "string") return { message: `${file}: ${reason}`, exitCode: 1 };
  const message = error instanceof Error ? error.message : String(error);
  return { message: message || "unexpected error", exitCode: 2 };
}

/** "no such file or folder" for a Node file-system error, undefined for anything else. */
export function fileErrorReason(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? FILE_ERRORS[code] : undefined;
}

/** Newlines and runs of spaces become one space: an error is always a single line. */
export function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, "; ");
}

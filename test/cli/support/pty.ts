import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import pty, { type IPty } from "node-pty";

const BIN = fileURLToPath(new URL("../../../bin/pyprep.js", import.meta.url));

export interface PtyRun {
  /** Everything printed so far, escapes removed. */
  screen(): string;
  /** Everything printed so far, escapes kept. */
  raw(): string;
  write(keys: string): void;
  /**
   * Waits until `pattern` appears in the output after the previous match, so a test
   * reads the session in order; fails with the screen so far after `timeoutMs`.
   */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  exited: Promise<{ exitCode: number; signal?: number }>;
  /** Kills the process if it is still running; safe to call twice. */
  kill(): void;
}

/** `pyprep <args>` in a pseudo-terminal (node-pty), as a person at a terminal runs it. */
export function spawnCli(
  args: string[],
  env: Record<string, string | undefined>,
  size = { cols: 100, rows: 40 },
): PtyRun {
  return spawnNode([BIN, ...args], env, size);
}

/** `node <args>` in a pseudo-terminal: for test entry points (`--import tsx file.ts`). */
export function spawnNode(
  args: string[],
  env: Record<string, string | undefined>,
  size = { cols: 100, rows: 40 },
): PtyRun {
  const child: IPty = pty.spawn(process.execPath, args, {
    name: "xterm-256color",
    cols: size.cols,
    rows: size.rows,
    cwd: process.cwd(),
    env: Object.fromEntries(
      Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  });
  let output = "";
  let consumed = 0;
  let done = false;
  child.onData((data) => {
    output += data;
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    child.onExit((event) => {
      done = true;
      resolve(event);
    });
  });
  const screen = () => stripVTControlCharacters(output);
  return {
    screen,
    raw: () => output,
    write: (keys) => child.write(keys),
    async waitFor(pattern, timeoutMs = 60_000) {
      const started = Date.now();
      for (;;) {
        const text = screen();
        const rest = text.slice(consumed);
        const match =
          typeof pattern === "string"
            ? rest.indexOf(pattern) >= 0
              ? { index: rest.indexOf(pattern), length: pattern.length, text: pattern }
              : null
            : (() => {
                const m = pattern.exec(rest);
                return m ? { index: m.index, length: m[0].length, text: m[0] } : null;
              })();
        if (match) {
          consumed += match.index + match.length;
          return match.text;
        }
        if (done || Date.now() - started > timeoutMs) {
          throw new Error(
            `${done ? "the CLI exited" : "timed out"} waiting for ${String(pattern)}; screen after the last match:\n${rest}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    exited,
    kill: () => {
      if (!done) child.kill("SIGKILL");
    },
  };
}

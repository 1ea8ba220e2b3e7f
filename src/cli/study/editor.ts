import { spawn } from "node:child_process";

/** `--editor`, else `$VISUAL`, else `$EDITOR`, else `vi`: the order git and most tools use. */
export function chooseEditor(flag: string | undefined, env = process.env): string {
  return flag || env.VISUAL || env.EDITOR || "vi";
}

/**
 * Opens `file` in the editor on this terminal and waits for it to close; resolves with
 * why it failed, if it did (the session goes on: the candidate may retry or give up).
 * The command goes through `sh -c` with the file as `$1`, so an editor with arguments
 * (`code --wait`, `emacs -nw`) works and the path is never re-parsed by the shell.
 */
export function editFile(editor: string, file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn("/bin/sh", ["-c", `${editor} "$1"`, "pyprep-editor", file], {
      stdio: "inherit",
    });
    child.once("error", (error) => resolve(`cannot start ${editor}: ${error.message}`));
    child.once("exit", (code, signal) => {
      if (code === 0) resolve(undefined);
      else if (code === 127) resolve(`editor not found: ${editor} (set $EDITOR or pass --editor)`);
      else resolve(`${editor} exited with ${signal ?? `status ${code}`}`);
    });
  });
}

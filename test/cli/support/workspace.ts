import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { goodQuestion } from "../../fixtures/catalog.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = path.join(ROOT, "bin/pyprep.js");

/** A throwaway HOME, a one-question bank (concept, drill, exercise) and a database path. */
export interface Workspace {
  dir: string;
  home: string;
  bank: string;
  db: string;
  /** The environment a CLI or server child gets: temp HOME, no inherited database settings. */
  env: Record<string, string | undefined>;
  cleanup(): void;
}

/** `files`: bank files by path (default: the good fixture as `fresher/list-vs-tuple.md`). */
export function makeWorkspace(
  files: Record<string, string> = { "fresher/list-vs-tuple.md": goodQuestion },
): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-cli-"));
  const home = path.join(dir, "home");
  const bank = path.join(dir, "bank");
  mkdirSync(home);
  mkdirSync(path.join(bank, "fresher"), { recursive: true });
  cpSync(path.join(ROOT, "content/topics.yaml"), path.join(bank, "topics.yaml"));
  cpSync(path.join(ROOT, "content/coverage.yaml"), path.join(bank, "coverage.yaml"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(bank, file)), { recursive: true });
    writeFileSync(path.join(bank, file), text);
  }
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOME: home,
    DATABASE_URL: undefined,
    PYPREP_DB: undefined,
    PYPREP_CONTENT_DIR: undefined,
    PYPREP_MODE: undefined,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    VISUAL: undefined,
    EDITOR: undefined,
    TERM: "xterm-256color",
  };
  return {
    dir,
    home,
    bank,
    db: path.join(dir, "progress.sqlite"),
    env,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `pyprep <args>` with pipes (not a terminal), as a script runs it. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: Object.fromEntries(
          Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
        ),
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/**
 * An `$EDITOR` for tests: run N writes `solution-N.py` over the file it is given,
 * after keeping what it was given as `seen-N.py`. A `sleep-N` file makes run N wait
 * first (to be interrupted).
 */
export function fakeEditor(dir: string, solutions: string[]): string {
  const editorDir = path.join(dir, "editor");
  mkdirSync(editorDir, { recursive: true });
  solutions.forEach((code, i) => {
    writeFileSync(path.join(editorDir, `solution-${i + 1}.py`), code);
  });
  const script = path.join(editorDir, "edit.sh");
  writeFileSync(
    script,
    [
      "#!/bin/sh",
      `dir='${editorDir}'`,
      'n=$(cat "$dir/count" 2>/dev/null || echo 0)',
      "n=$((n + 1))",
      'echo "$n" > "$dir/count"',
      'cp "$1" "$dir/seen-$n.py"',
      'if [ -f "$dir/sleep-$n" ]; then sleep 60; fi',
      'cp "$dir/solution-$n.py" "$1"',
      "",
    ].join("\n"),
  );
  return `sh ${script}`;
}

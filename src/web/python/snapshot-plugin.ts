/**
 * Build step (Vite plugin, Node): a Pyodide memory snapshot of an interpreter that has
 * started and imported what the harness and the bank's programs use, shipped with the app
 * as `assets/python-snapshot-<key>.bin.gz`. The browser's worker restores it instead of
 * starting Python (see load-pyodide.ts): the start-up, most of Python's time to ready, is
 * paid once here instead of on every page load, cold visits included.
 *
 * The snapshot holds no reference to a JavaScript object (Pyodide refuses to make one that
 * does, and the harness itself is imported only after the restore), so one made in Node
 * restores in a browser. It holds the interpreter's heap: `random`'s state, the hash
 * secret and the time zone are this machine's; load-pyodide.ts says what it re-does.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

export const SNAPSHOT_MODULE = "virtual:pyprep-python-snapshot";
const RESOLVED = `\0${SNAPSHOT_MODULE}`;
/** Bump when what goes into the snapshot changes in a way the inputs below do not show. */
const FORMAT = 1;

/** What the bank's programs import most, beyond the harness's own imports. */
const PROGRAM_MODULES = [
  "abc",
  "bisect",
  "collections",
  "contextlib",
  "copy",
  "dataclasses",
  "datetime",
  "decimal",
  "enum",
  "fractions",
  "functools",
  "heapq",
  "itertools",
  "math",
  "operator",
  "random",
  "re",
  "statistics",
  "string",
  "textwrap",
  "typing",
  "unittest.mock",
];

const here = path.dirname(fileURLToPath(import.meta.url));
const harnessDir = path.join(here, "../../python/pyprep_harness");

/** Every module the harness imports anywhere (its own package aside). */
function harnessImports(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(harnessDir)
    .filter((f) => f.endsWith(".py"))
    .sort()) {
    const text = readFileSync(path.join(harnessDir, file), "utf8");
    for (const match of text.matchAll(/^\s*(?:import|from)\s+([A-Za-z_][\w.]*)/gm)) {
      const name = match[1] as string;
      if (!name.startsWith("pyprep_harness")) names.add(name);
    }
  }
  return [...names].sort();
}

function pyodideDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));
}

/** Changes with Pyodide's build, with the module list and with FORMAT: a cache key and file name. */
function snapshotKey(modules: string[]): string {
  const hash = createHash("sha256");
  hash.update(`${FORMAT}\n${modules.join(",")}\n`);
  hash.update(readFileSync(path.join(pyodideDir(), "pyodide.asm.wasm")));
  hash.update(readFileSync(path.join(pyodideDir(), "python_stdlib.zip")));
  return hash.digest("hex").slice(0, 16);
}

async function makeSnapshot(modules: string[]): Promise<Uint8Array> {
  const { loadPyodide } = (await import(
    path.join(pyodideDir(), "pyodide.mjs")
  )) as typeof import("pyodide");
  const pyodide = await loadPyodide({ _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
  pyodide.runPython(
    [
      "import importlib",
      `for name in ${JSON.stringify(modules)}:`,
      "    try:",
      "        importlib.import_module(name)",
      "    except ImportError:",
      "        pass  # not in Pyodide (resource, say): the harness copes without it",
    ].join("\n"),
  );
  return pyodide.makeMemorySnapshot();
}

interface Built {
  key: string;
  gzip: Uint8Array;
}
let building: Promise<Built | null> | undefined;

/**
 * Made at most once per build process (the main build and the worker's build both ask),
 * and kept in node_modules/.cache between builds: it takes seconds and depends only on
 * the key's inputs.
 */
function snapshot(log: (message: string) => void): Promise<Built | null> {
  building ??= (async () => {
    const modules = [...new Set([...harnessImports(), ...PROGRAM_MODULES])].sort();
    const key = snapshotKey(modules);
    const cacheDir = path.join(here, "../../../node_modules/.cache/pyprep-python-snapshot");
    const cached = path.join(cacheDir, `${key}.bin.gz`);
    if (existsSync(cached)) return { key, gzip: readFileSync(cached) };
    try {
      const started = performance.now();
      const gzip = gzipSync(await makeSnapshot(modules), { level: 6 });
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(cached, gzip);
      log(
        `python snapshot ${key}: ${gzip.length} bytes in ${Math.round(performance.now() - started)} ms`,
      );
      return { key, gzip };
    } catch (error) {
      // The app still works without one: the worker starts Python the slow way.
      log(`python snapshot not made (${(error as Error).message}); Python will start without it`);
      return null;
    }
  })();
  return building;
}

export const snapshotFileName = (key: string) => `assets/python-snapshot-${key}.bin.gz`;

/**
 * `import { snapshotUrl } from "virtual:pyprep-python-snapshot"`: the snapshot's address,
 * or null in the dev server and when it could not be made. Add the plugin to the app's
 * plugins (it emits the file) and, with `emit: false`, to `worker.plugins` (the worker
 * reads the address).
 */
export function pythonSnapshot(options: { emit: boolean } = { emit: true }): Plugin {
  let base = "/";
  let building_ = false;
  return {
    name: "pyprep-python-snapshot",
    configResolved(config) {
      base = config.base;
      building_ = config.command === "build";
    },
    resolveId: (id) => (id === SNAPSHOT_MODULE ? RESOLVED : null),
    async load(id) {
      if (id !== RESOLVED) return null;
      const built = building_ ? await snapshot((m) => this.info(m)) : null;
      const url = built ? `${base}${snapshotFileName(built.key)}` : null;
      return `export const snapshotUrl = ${JSON.stringify(url)};\nexport const snapshotKey = ${JSON.stringify(built?.key ?? null)};\n`;
    },
    async generateBundle() {
      if (!building_ || !options.emit) return;
      const built = await snapshot((m) => this.info(m));
      if (built) {
        this.emitFile({ type: "asset", fileName: snapshotFileName(built.key), source: built.gzip });
      }
    },
  };
}

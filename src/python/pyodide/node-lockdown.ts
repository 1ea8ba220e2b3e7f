import NodeModule from "node:module";
import type { PyodideAPI } from "pyodide";

/**
 * Pyodide in a Node worker thread can reach all of Node from Python: `js` is the worker's
 * globalThis (`js.process`, and the `require` Pyodide installs there, with child_process),
 * any JavaScript function's `constructor` compiles code, `pyodide_js.mountNodeFS` mounts
 * the host's disk, and Emscripten's system() spawns a shell. Content and the CLI user's own
 * code are trusted, but a run must not take over its host, so after loading we take those
 * doors away, as far as Pyodide allows (docs/runner.md says what remains).
 */

/** What Python's `js` module holds in Node: plain JavaScript, nothing of Node's. */
const SAFE_GLOBALS = [
  "Array",
  "ArrayBuffer",
  "Atomics",
  "BigInt",
  "Boolean",
  "DataView",
  "Date",
  "Error",
  "Float32Array",
  "Float64Array",
  "Int8Array",
  "Int16Array",
  "Int32Array",
  "JSON",
  "Map",
  "Math",
  "Number",
  "Object",
  "Promise",
  "RangeError",
  "RegExp",
  "Set",
  "SharedArrayBuffer",
  "String",
  "Symbol",
  "TextDecoder",
  "TextEncoder",
  "TypeError",
  "Uint8Array",
  "Uint8ClampedArray",
  "Uint16Array",
  "Uint32Array",
  "WeakMap",
  "WeakRef",
  "WeakSet",
  "clearInterval",
  "clearTimeout",
  "performance",
  "queueMicrotask",
  "setInterval",
  "setTimeout",
  "structuredClone",
] as const;

export function sandboxGlobals(): object {
  const globals: Record<string, unknown> = Object.create(null);
  for (const name of SAFE_GLOBALS) {
    if (name in globalThis) globals[name] = (globalThis as Record<string, unknown>)[name];
  }
  return globals;
}

/** Pyodide's API members a run could use to reach the host, or to undo the host's setup. */
const API_DOORS = [
  "loadPackage",
  "loadPackagesFromImports",
  "mountNativeFS",
  "mountNodeFS",
  "registerJsModule",
  "setInterruptBuffer",
  "setStderr",
  "setStdin",
  "setStdout",
] as const;

function refuse(): never {
  throw new Error("not available to programs run by PyPrep");
}

/** Run in the worker once Pyodide and the harness are loaded and the host has set up. */
export function lockDownNode(pyodide: PyodideAPI): void {
  // No more Node modules for anyone in this thread: Emscripten's system() and socket code
  // require them lazily (child_process, ws); the interpreter has loaded all it needs.
  (NodeModule as unknown as { _load: (request: string) => unknown })._load = (request) => {
    throw new Error(`module loading is disabled in PyPrep's Python worker (${request})`);
  };
  const global = globalThis as Record<string, unknown>;
  delete global.require; // Pyodide's, with child_process in it
  delete global.eval; // what Emscripten's emscripten_run_script calls
  // Every function's `constructor` is Function (or its async and generator kin), which
  // compiles a string in this thread's global scope; `js.f.constructor("...")` must not.
  for (const example of [() => {}, async () => {}, function* () {}, async function* () {}]) {
    Object.defineProperty(Object.getPrototypeOf(example), "constructor", {
      value: refuse,
      writable: false,
      configurable: false,
    });
  }
  const api = pyodide as unknown as Record<string, unknown>;
  for (const name of API_DOORS) {
    try {
      Object.defineProperty(api, name, { value: refuse, writable: false, configurable: false });
    } catch {
      api[name] = refuse;
    }
  }
  // The host's file system is a mount away: take away the file system that reaches it.
  const fs = (pyodide as unknown as { FS: { filesystems: Record<string, unknown> } }).FS;
  delete fs.filesystems.NODEFS;
  const emscripten = (pyodide as unknown as { _module: Record<string, unknown> })._module;
  delete emscripten.NODEFS;
  const internal = (pyodide as unknown as { _api: Record<string, unknown> })._api;
  for (const name of ["_nodeSock", "initializeNodeSockFS"]) delete internal[name];
}

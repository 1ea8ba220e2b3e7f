import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The one harness both backends run: the `pyprep_harness` package next to this file. */
export const HARNESS_DIR = fileURLToPath(new URL("./pyprep_harness/", import.meta.url));

/** What CPython runs: the package's `__main__.py` (see there for why it is a script). */
export const HARNESS_ENTRY = path.join(HARNESS_DIR, "__main__.py");

let cached: Record<string, string> | undefined;

/** The package's files for Pyodide in Node, by file name (the browser bundles them instead). */
export function harnessFiles(): Record<string, string> {
  cached ??= Object.fromEntries(
    readdirSync(HARNESS_DIR)
      .filter((name) => name.endsWith(".py"))
      .map((name) => [name, readFileSync(path.join(HARNESS_DIR, name), "utf8")]),
  );
  return cached;
}

/** Budget: `pyprep check` on the whole bank in ≤ 30 s, both backends (PRODUCT.md). */
import { spawnSync } from "node:child_process";
import { round, writeResults } from "./report.ts";

const results: Record<string, unknown> = {};
for (const backend of ["cpython", "pyodide", "both"]) {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ["bin/pyprep.js", "check", "--backend", backend, "--no-progress"],
    { encoding: "utf8" },
  );
  const seconds = (performance.now() - started) / 1000;
  const summary = run.stdout.trim().split("\n").slice(-2).join(" | ");
  results[backend] = {
    seconds: round(seconds, 1),
    exitCode: run.status,
    summary,
    withinBudget: seconds <= 30,
  };
  console.log(`${backend.padEnd(8)} ${round(seconds, 1)} s  ${summary}`);
}
console.log(`wrote ${writeResults("check", results)}`);

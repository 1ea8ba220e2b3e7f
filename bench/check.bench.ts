/**
 * `pyprep check` on the whole bank, each backend alone and both (PRODUCT.md: ≤ 15 s for
 * both). Writes bench/results/check.json.
 */
import { spawnSync } from "node:child_process";
import { type Figure, machineLoad, round, writeResults } from "./report.ts";

const BUDGET_SECONDS = 15;
const loadAtStart = machineLoad();
const details: Record<string, unknown> = {};
const figures: Figure[] = [];
for (const backend of ["cpython", "pyodide", "both"]) {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ["bin/pyprep.js", "check", "--backend", backend, "--no-progress"],
    { encoding: "utf8" },
  );
  const seconds = round((performance.now() - started) / 1000, 1);
  const summary = run.stdout.trim().split("\n").slice(-2).join(" | ");
  details[backend] = { seconds, exitCode: run.status, summary };
  figures.push({
    id: `check.${backend}`,
    label: `pyprep check --backend ${backend}, whole bank`,
    value: seconds,
    unit: "s",
    ...(backend === "both"
      ? { target: { op: "<=" as const, limit: BUDGET_SECONDS, of: "value" as const } }
      : {}),
  });
  console.log(`${backend.padEnd(8)} ${seconds} s  ${summary}`);
  if (run.status !== 0) process.exitCode = 1;
}
console.log(`wrote ${writeResults("check", figures, details, loadAtStart)}`);

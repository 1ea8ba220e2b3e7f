/**
 * The runner's budgets (PRODUCT.md): a warm Pyodide run of a small snippet, median ≤ 2 ms
 * round trip and ≥ 10x faster than spawning python3 for the same snippet, measured side by
 * side here; plus Pyodide's cold start in Node.
 */
import { spawnSync } from "node:child_process";
import { CpythonRunner } from "../src/python/cpython/runner.ts";
import { PyodideRunner } from "../src/python/pyodide/node-runner.ts";
import { type Figure, machineLoad, median, percentile, round, writeResults } from "./report.ts";

const loadAtStart = machineLoad();

const SNIPPET = "total = sum(n * n for n in range(100))\nprint(total)\n";
const ROUNDS = 200;

const coldStarted = performance.now();
const pyodide = new PyodideRunner({ size: 1 });
const pyodideVersion = await pyodide.version();
const coldStartMs = performance.now() - coldStarted;

const cpython = new CpythonRunner();
const cpythonVersion = await cpython.version();
const python = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], {
  encoding: "utf8",
}).stdout.trim();

async function time(fn: () => Promise<unknown>, rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

// Warm up both, then alternate in blocks so background load hits both alike.
await time(() => pyodide.run({ code: SNIPPET }), 20);
await time(() => cpython.run({ code: SNIPPET }), 3);
const pyodideTimes: number[] = [];
const runnerSpawnTimes: number[] = [];
const bareSpawnTimes: number[] = [];
for (let block = 0; block < 10; block++) {
  pyodideTimes.push(...(await time(() => pyodide.run({ code: SNIPPET }), ROUNDS / 10)));
  runnerSpawnTimes.push(...(await time(() => cpython.run({ code: SNIPPET }), 3)));
  bareSpawnTimes.push(...(await time(async () => spawnSync(python, ["-I", "-c", SNIPPET]), 3)));
}
await pyodide.close();

const results = {
  snippet: SNIPPET,
  pyodide: {
    version: pyodideVersion,
    coldStartMs: round(coldStartMs, 0),
    warmRunMedianMs: round(median(pyodideTimes), 3),
    warmRunP95Ms: round(percentile(pyodideTimes, 95), 3),
    runs: pyodideTimes.length,
  },
  cpython: {
    version: cpythonVersion,
    runnerRunMedianMs: round(median(runnerSpawnTimes), 1),
    bareSpawnMedianMs: round(median(bareSpawnTimes), 1),
    runs: runnerSpawnTimes.length,
  },
};
const figures: Figure[] = [
  {
    id: "runner.pyodide.warm",
    label: "warm snippet run, Pyodide worker, median",
    value: results.pyodide.warmRunMedianMs,
    unit: "ms",
    target: { op: "<=", limit: 2, of: "value" },
  },
  {
    id: "runner.pyodide.vs-spawn",
    label: "warm snippet run, Pyodide, against spawning python3",
    value: results.pyodide.warmRunMedianMs,
    unit: "ms",
    baseline: { label: "bare python3 -I -c", value: results.cpython.bareSpawnMedianMs },
    // ≥ 10x faster than spawning python3 per snippet.
    target: { op: "<=", limit: 0.1, of: "ratio" },
  },
  {
    id: "runner.cpython.run",
    label: "snippet run, CPython runner (fork server)",
    value: results.cpython.runnerRunMedianMs,
    unit: "ms",
    baseline: { label: "bare python3 -I -c", value: results.cpython.bareSpawnMedianMs },
  },
  {
    id: "runner.pyodide.cold-start",
    label: "Pyodide cold start in Node",
    value: results.pyodide.coldStartMs,
    unit: "ms",
  },
];
const file = writeResults("runner", figures, results, loadAtStart);
console.log(`wrote ${file}`);

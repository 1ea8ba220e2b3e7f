/**
 * The runner's budgets (PRODUCT.md): a warm Pyodide run of a small snippet, median ≤ 2 ms
 * round trip and ≥ 10x faster than spawning python3 for the same snippet, measured side by
 * side here; plus Pyodide's cold start in Node.
 */
import { spawnSync } from "node:child_process";
import { CpythonRunner } from "../src/python/cpython/runner.ts";
import { PyodideRunner } from "../src/python/pyodide/node-runner.ts";
import { median, percentile, round, writeResults } from "./report.ts";

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
  speedupVsRunnerSpawn: round(median(runnerSpawnTimes) / median(pyodideTimes), 1),
  speedupVsBareSpawn: round(median(bareSpawnTimes) / median(pyodideTimes), 1),
  budgets: {
    warmRunMedianMs: { limit: 2, met: median(pyodideTimes) <= 2 },
    speedup: { limit: 10, met: median(bareSpawnTimes) / median(pyodideTimes) >= 10 },
  },
};
const file = writeResults("runner", results);
console.table({
  "pyodide warm run (median ms)": results.pyodide.warmRunMedianMs,
  "pyodide cold start (ms)": results.pyodide.coldStartMs,
  "python3 spawn, bare (median ms)": results.cpython.bareSpawnMedianMs,
  "python3 via CpythonRunner (median ms)": results.cpython.runnerRunMedianMs,
  "speedup vs bare spawn": results.speedupVsBareSpawn,
});
console.log(`wrote ${file}`);

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

/**
 * The reliability suites run in their own step (`npm run test:reliability`, also part of
 * `npm test`), one file at a time, so their load does not starve other tests. Under the
 * plain vitest run they are skipped, visibly. `--full` (PYPREP_RELIABILITY_FULL=1) runs
 * them at full size and records the figures in bench/results/reliability.json.
 */
export const ENABLED = process.env.PYPREP_RELIABILITY === "1";
export const FULL = process.env.PYPREP_RELIABILITY_FULL === "1";

export const reliability: typeof describe = ENABLED
  ? describe
  : (describe.skip as unknown as typeof describe);

/** Simulated users in the soak: the figure, in both the short and the full run. */
export const SOAK_USERS = Number(process.env.PYPREP_SOAK_USERS ?? 200);
/** Seconds of study: 60 in the full run; CI shortens it (PYPREP_SOAK_SECONDS overrides). */
export const SOAK_SECONDS = Number(process.env.PYPREP_SOAK_SECONDS ?? (FULL ? 60 : 8));
/** Kill-restart cycles in the crash suite. */
export const CRASH_CYCLES = Number(process.env.PYPREP_CRASH_CYCLES ?? (FULL ? 5 : 2));
/** fast-check runs per route and mode in the fuzz suite. */
export const FUZZ_RUNS = Number(process.env.PYPREP_FUZZ_RUNS ?? (FULL ? 300 : 40));

const RESULTS = fileURLToPath(new URL("../../../bench/results/reliability.json", import.meta.url));

/**
 * Adds one suite's figures to bench/results/reliability.json, full runs only: a short CI
 * run would overwrite the measured figures with smaller ones.
 */
export function recordFigures(section: string, figures: Record<string, unknown>): void {
  if (!FULL) return;
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>;
  } catch {
    // first run
  }
  all[section] = { ...figures, recordedAt: new Date().toISOString() };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
}

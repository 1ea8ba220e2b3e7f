/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (each in its own process, so one
 * benchmark's memory and workers cannot skew the next), then prints one table of every
 * figure beside its baseline, the ratio and the target, from what each wrote to
 * bench/results/. `npm run bench -- runner store` runs only the benchmarks whose file
 * names contain "runner" or "store".
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatTable, type JudgedFigure, machineLoad, readResults } from "./report.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
if (benches.length === 0) {
  console.error(`no benchmark matches ${filters.join(", ")}`);
  process.exit(1);
}

const loadAtStart = machineLoad();
console.log(`load average at start: ${loadAtStart} (${availableParallelism()} cores)`);
const failed: string[] = [];
const figures: JudgedFigure[] = [];
const loads: string[] = [];
for (const file of benches) {
  console.log(`\n== ${file}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(here, file)], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed.push(file);
  const written = readResults(file.replace(/\.bench\.ts$/, ""));
  // A benchmark that failed before writing leaves the last run's file: not this run's figures.
  if (written && Date.parse(written.measuredAt) < started - 1000) {
    loads.push(`${file}: no results written in this run`);
  } else if (written) {
    figures.push(...written.figures);
    loads.push(`${file}: ${written.load.atStart} → ${written.load.atEnd}`);
  }
}

console.log(`\n${formatTable(figures)}\n`);
console.log(`load average (1, 5, 15 min) per benchmark, start → end:\n  ${loads.join("\n  ")}`);
const missed = figures.filter((f) => f.met === false).length;
console.log(
  `${benches.length - failed.length} of ${benches.length} benchmarks ran` +
    (failed.length ? ` (failed: ${failed.join(", ")})` : "") +
    `; ${figures.filter((f) => f.met).length} targets met, ${missed} missed; results in bench/results/`,
);
process.exitCode = failed.length === 0 ? 0 : 1;

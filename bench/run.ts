/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (each in its own process, so one
 * benchmark's memory and workers cannot skew the next) and lists what each wrote.
 * `npm run bench -- runner` runs only the benchmarks whose names contain "runner".
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(here, file)], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed++;
}
console.log(
  `\n${benches.length - failed} benchmarks ran, ${failed} failed; results in bench/results/`,
);
process.exitCode = failed === 0 ? 0 : 1;

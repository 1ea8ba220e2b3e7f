import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");

/**
 * One measured number, beside what it is judged against. The machine is shared, so an
 * absolute figure moves with the load; a `baseline` measured in the same run moves with it
 * too, and the ratio between them is the figure that travels.
 */
export interface Figure {
  /** `store.session.sqlite`: unique across the benchmarks. */
  id: string;
  label: string;
  value: number;
  unit: string;
  /** Measured in the same run, alongside. */
  baseline?: { label: string; value: number };
  /** `value` (or `value / baseline` when `of` is "ratio") must be `<=` or `>=` the limit. */
  target?: { op: "<=" | ">="; limit: number; of: "value" | "ratio" };
}

export interface JudgedFigure extends Figure {
  ratio: number | null;
  met: boolean | null;
}

export function judge(figure: Figure): JudgedFigure {
  const ratio = figure.baseline ? figure.value / figure.baseline.value : null;
  const target = figure.target;
  let met: boolean | null = null;
  if (target) {
    const measured = target.of === "ratio" ? ratio : figure.value;
    if (measured !== null && Number.isFinite(measured)) {
      met = target.op === "<=" ? measured <= target.limit : measured >= target.limit;
    }
  }
  return { ...figure, ratio: ratio === null ? null : round(ratio, 3), met };
}

/** `uptime`'s three load averages, and what they mean on this many cores. */
export function machineLoad(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

/**
 * Writes `bench/results/<name>.json`: the machine, the load at start and end (the machine
 * is shared; a load above the core count means every figure here was contended), the
 * judged figures, and whatever detail the benchmark adds.
 */
export function writeResults(
  name: string,
  figures: Figure[],
  details: Record<string, unknown>,
  loadAtStart: string,
): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const body = {
    measuredAt: new Date().toISOString(),
    machine: {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    load: { atStart: loadAtStart, atEnd: machineLoad() },
    figures: figures.map(judge),
    details,
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

/** Reads back what `writeResults` wrote (undefined for a missing or older-format file). */
export function readResults(
  name: string,
):
  | { measuredAt: string; load: { atStart: string; atEnd: string }; figures: JudgedFigure[] }
  | undefined {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  if (!existsSync(file)) return undefined;
  const body = JSON.parse(readFileSync(file, "utf8"));
  return Array.isArray(body.figures) ? body : undefined;
}

/** The table `npm run bench` prints: each figure, its baseline, the ratio and the target. */
export function formatTable(figures: JudgedFigure[]): string {
  const number = (n: number) =>
    Math.abs(n) >= 100 ? String(Math.round(n)) : String(round(n, Math.abs(n) >= 10 ? 1 : 2));
  const rows = figures.map((f) => [
    f.label,
    `${number(f.value)} ${f.unit}`,
    f.baseline ? `${number(f.baseline.value)} ${f.unit} (${f.baseline.label})` : "",
    f.ratio === null ? "" : `${round(f.ratio, 2)}x`,
    f.target
      ? `${f.target.op} ${f.target.of === "ratio" ? `${f.target.limit}x` : `${f.target.limit} ${f.unit}`}`
      : "",
    f.met === null ? "" : f.met ? "met" : "MISSED",
  ]);
  const header = ["figure", "value", "baseline (same run)", "ratio", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * tracer.py read from disk, for plain Node (the CLI runs under tsx, which has no `?raw`);
 * Vite and Vitest bundle the same file through tracer-source.ts.
 */
export function readTracerSource(): string {
  cached ??= readFileSync(fileURLToPath(new URL("./tracer.py", import.meta.url)), "utf8");
  return cached;
}

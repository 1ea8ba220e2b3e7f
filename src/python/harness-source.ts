import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The one harness both backends run (see harness.py). */
export const HARNESS_PATH = fileURLToPath(new URL("./harness.py", import.meta.url));

let cached: string | undefined;
export function harnessSource(): string {
  cached ??= readFileSync(HARNESS_PATH, "utf8");
  return cached;
}

// Bundles the server (src/server/main.ts and what it imports from src/) into plain
// JavaScript under dist/server/, once its sources change. Packages stay external. The
// output sits two folders deep, as its sources do, so paths built from import.meta.url
// (the package root, the bundled bank, node_modules) resolve the same.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SERVER_ENTRY = path.join(ROOT, "dist/server/main.js");
/** The browser-only code never ends up in the server's bundle. */
const SKIP = new Set(["web"]);

function newestSource(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newestSource(full));
    else if (entry.name.endsWith(".ts")) latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

/** Builds when a source is newer than the bundle (or `force`); returns the bundle's path. */
export async function buildServer({ force = false } = {}) {
  const stale =
    force ||
    !existsSync(SERVER_ENTRY) ||
    Math.max(
      newestSource(path.join(ROOT, "src")),
      statSync(path.join(ROOT, "package.json")).mtimeMs,
    ) > statSync(SERVER_ENTRY).mtimeMs;
  if (!stale) return SERVER_ENTRY;
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: { main: path.join(ROOT, "src/server/main.ts") },
    outdir: path.dirname(SERVER_ENTRY),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
    metafile: true,
  });
  removeOldChunks(
    new Set(Object.keys(result.metafile.outputs).map((out) => path.resolve(ROOT, out))),
  );
  return SERVER_ENTRY;
}

/**
 * Chunk names carry a content hash, so each build leaves the previous build's chunks
 * behind. A server still running from them may import one lazily (the supervisor loads
 * the server that way), so only those an hour old go.
 */
function removeOldChunks(current) {
  const dir = path.dirname(SERVER_ENTRY);
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (!current.has(full) && statSync(full).mtimeMs < hourAgo) rmSync(full, { force: true });
  }
}

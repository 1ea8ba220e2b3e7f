#!/usr/bin/env node
// `npm start`: build the web app and the server when their sources are newer than the last
// build, then serve locally (127.0.0.1, SQLite, the bundled bank) from the built JavaScript,
// not through the TypeScript loader. Arguments pass through to `pyprep serve`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { buildServer } from "../src/server/build-server.mjs";

const built = "dist/web/index.html";

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

const sources = ["src/web", "src/python", "src/study", "src/content"].filter((d) => existsSync(d));
const stale =
  !existsSync(built) ||
  Math.max(
    ...sources.map(newest),
    statSync("vite.config.ts", { throwIfNoEntry: false })?.mtimeMs ?? 0,
  ) > statSync(built).mtimeMs;
if (stale && existsSync("vite.config.ts")) {
  console.log("building the web app (vite build)...");
  const build = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = await buildServer();
const serve = spawnSync(process.execPath, [server, "serve", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(serve.status ?? 1);

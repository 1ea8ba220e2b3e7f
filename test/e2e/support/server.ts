import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SUPERVISED_ENV } from "../../../src/server/supervise.ts";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A free loopback port, so the server can be restarted on the same one (the offline test). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * The web build under test: dist/web, or PYPREP_E2E_WEB_DIR (e.g. a build of an older commit,
 * to see a new test fail on the code it was written against).
 */
const WEB_DIR = process.env.PYPREP_E2E_WEB_DIR ?? path.join(ROOT, "dist/web");

export interface ServerOptions {
  mode?: "local" | "hosted";
  port?: number;
  /** Reuse a database (restart after a crash); default a fresh temp SQLite file. */
  sqlitePath?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  sqlitePath: string;
  dir: string;
  /** Everything the server wrote, for failure messages. */
  log: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Builds dist/web once if it is missing, so e2e runs work from a clean checkout. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(path.join(ROOT, "dist/web/index.html"))) return;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build"],
      {
        cwd: ROOT,
        stdio: "ignore",
      },
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vite build: ${code}`))));
  });
}

/** `node bin/pyprep.js serve` as a child process on 127.0.0.1, ready once /readyz says so. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dir = options.sqlitePath
    ? path.dirname(options.sqlitePath)
    : mkdtempSync(path.join(tmpdir(), "pyprep-e2e-"));
  const sqlitePath = options.sqlitePath ?? path.join(dir, "pyprep.sqlite");
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PYPREP_MODE: options.mode ?? "local",
    PYPREP_LOG_LEVEL: "warn",
    // Many sign-ups from one loopback address in one run.
    PYPREP_AUTH_RATE_LIMIT: "1000/60",
    // The serving process itself, not its supervisor: `stop("SIGKILL")` must take the
    // server down, as a crash would.
    [SUPERVISED_ENV]: "1",
  };
  delete env.DATABASE_URL;
  if (options.mode === "hosted") {
    env.PYPREP_PUBLIC_URL = url;
    env.PYPREP_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456789";
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, "bin/pyprep.js"),
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--db",
      sqlitePath,
      "--web-dir",
      WEB_DIR,
    ],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`the server exited before it was ready:\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server was not ready within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    port,
    sqlitePath,
    dir,
    log: () => output,
    stop: async (signal = "SIGTERM") => {
      if (!exited) child.kill(signal);
      await exit;
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

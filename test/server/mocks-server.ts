import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseConfig } from "../../src/server/config.ts";
import { startServer } from "../../src/server/server.ts";
import {
  AUTH_SECRET,
  type DbKind,
  fixtureBank,
  freshPostgresSchema,
  type TestServer,
} from "./harness.ts";

export interface ClockedServer extends TestServer {
  /** Moves the server's clock (which stands still otherwise) forward. */
  advance(ms: number): void;
}

/**
 * `startTestServer` with a clock the test controls: the server reads the time through
 * `AppDeps.now`, which only a process that starts the server itself can set. Nothing a
 * client sends can move it.
 */
export async function startClockedServer(options: {
  db: DbKind;
  mode: "local" | "hosted";
}): Promise<ClockedServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-mocks-"));
  const pgSchema = options.db === "postgres" ? await freshPostgresSchema() : undefined;
  const contentDir = fixtureBank();
  const sqlitePath = path.join(dir, "pyprep.sqlite");
  const config = parseConfig(
    {},
    {
      mode: options.mode,
      port: 0,
      sqlitePath,
      databaseUrl: pgSchema?.url,
      contentDir,
      webDir: path.join(dir, "web"),
      authSecret: options.mode === "hosted" ? AUTH_SECRET : undefined,
      authRateLimit: "1000/60",
      logLevel: "silent",
    },
  );
  // A clock that moves only when the test says: every duration in an answer is exact.
  const startedMs = Date.now();
  let offsetMs = 0;
  const cleanUp = async () => {
    await pgSchema?.drop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(contentDir, { recursive: true, force: true });
  };
  const server = await startServer(config, {
    now: () => new Date(startedMs + offsetMs),
  }).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  return {
    ...server,
    dir,
    sqlitePath,
    databaseUrl: pgSchema?.url,
    advance(ms) {
      offsetMs += ms;
    },
    async stop() {
      await server.close();
      await cleanUp();
    },
  };
}

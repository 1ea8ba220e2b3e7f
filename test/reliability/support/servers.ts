import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AUTH_SECRET,
  DATABASE_URL,
  fixtureBank,
  freshPostgresSchema,
} from "../../server/harness.ts";
import { type ServerProcess, spawnServer } from "../../server/spawn-server.ts";
import { signUpUsers } from "../../support/accounts.ts";
import type { StudyUser } from "./load.ts";
import type { DataAt } from "./verify.ts";

export { DATABASE_URL };

/** Every card of the fixture bank (harness.ts): three questions, a concept, drill and exercise each. */
export const CARD_IDS = ["list-vs-tuple", "frozen-records", "nested-freezing"].flatMap((q) => [
  q,
  `${q}/drill-1`,
  `${q}/exercise-1`,
]);

/**
 * A place for a server's data that outlives the server (a crash test restarts on it):
 * a SQLite file in a temp folder, or a fresh PostgreSQL schema. `dispose` removes it.
 */
export async function dataPlace(db: "sqlite" | "postgres", dir?: string) {
  const folder = dir ?? mkdtempSync(path.join(tmpdir(), "pyprep-reliability-"));
  const bank = fixtureBank();
  const schema = db === "postgres" ? await freshPostgresSchema() : undefined;
  const sqlitePath = path.join(folder, "pyprep.sqlite");
  const at: DataAt = schema ? { databaseUrl: schema.url } : { sqlitePath };
  const env: Record<string, string> = {
    PYPREP_CONTENT_DIR: bank,
    PYPREP_LOG_LEVEL: "warn",
    ...(schema ? { DATABASE_URL: schema.url } : { PYPREP_DB: sqlitePath }),
  };
  return {
    at,
    env,
    folder,
    async dispose() {
      await schema?.drop();
      rmSync(bank, { recursive: true, force: true });
      if (!dir) rmSync(folder, { recursive: true, force: true });
    },
  };
}

export const HOSTED_ENV = {
  PYPREP_MODE: "hosted",
  PYPREP_AUTH_SECRET: AUTH_SECRET,
  PYPREP_AUTH_RATE_LIMIT: "100000/60",
};

export function localUsers(count: number): StudyUser[] {
  return Array.from({ length: count }, () => ({ id: "local" }));
}

export type { ServerProcess };
export { signUpUsers, spawnServer };

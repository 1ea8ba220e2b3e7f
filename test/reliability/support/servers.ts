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

/** Signs up `count` accounts, a few at a time (argon2 is the cost), returning their cookies. */
export async function signUpUsers(server: ServerProcess, count: number): Promise<StudyUser[]> {
  const users: StudyUser[] = [];
  const one = async (i: number) => {
    const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({
        email: `soak-${i}-${Date.now()}@example.com`,
        password: "correct horse battery",
        name: `soak ${i}`,
      }),
    });
    if (res.status !== 200) throw new Error(`sign-up ${i}: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const config = await fetch(`${server.url}/api/config`, { headers: { cookie } });
    const id = ((await config.json()) as { user: { id: string } }).user.id;
    users.push({ id, cookie });
  };
  for (let i = 0; i < count; i += 4) {
    await Promise.all([i, i + 1, i + 2, i + 3].filter((n) => n < count).map(one));
  }
  return users;
}

export function localUsers(count: number): StudyUser[] {
  return Array.from({ length: count }, () => ({ id: "local" }));
}

export type { ServerProcess };
export { spawnServer };

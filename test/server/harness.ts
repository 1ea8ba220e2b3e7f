import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseConfig, type RawSettings } from "../../src/server/config.ts";
import { type RunningServer, startServer } from "../../src/server/server.ts";
import { freshPostgresSchema as freshSchema } from "../support/databases.ts";

export const DATABASE_URL = process.env.DATABASE_URL;
export const AUTH_SECRET = "test-secret-test-secret-test-secret-0123456789";

const CONTENT = new URL("../../content/", import.meta.url);
const GOOD = readFileSync(new URL("../fixtures/good-question.md", import.meta.url), "utf8");

/** The fixture questions: id, level, topics and the H1, all built from the known-good file. */
export const FIXTURE_QUESTIONS = [
  { id: "list-vs-tuple", level: "fresher", topics: "[data-structures, types]", h1: null },
  {
    id: "frozen-records",
    level: "fresher",
    topics: "[types]",
    h1: "How do you make a record that cannot change?",
  },
  {
    id: "nested-freezing",
    level: "intermediate",
    topics: "[data-structures]",
    h1: "Why does freezing a nested structure need recursion?",
  },
] as const;

/**
 * A small bank in a temp folder: the real topic list and syllabus, and three questions
 * made from the parser's known-good fixture (so the tests do not depend on what the
 * content writers are editing today). Each has a concept card, a drill and an exercise.
 */
export function fixtureBank(): string {
  const root = mkdtempSync(path.join(tmpdir(), "pyprep-bank-"));
  writeFileSync(path.join(root, "topics.yaml"), readFileSync(new URL("topics.yaml", CONTENT)));
  writeFileSync(path.join(root, "coverage.yaml"), readFileSync(new URL("coverage.yaml", CONTENT)));
  for (const q of FIXTURE_QUESTIONS) {
    let text = GOOD.replace(/^id: .*$/m, `id: ${q.id}`)
      .replace(/^level: .*$/m, `level: ${q.level}`)
      .replace(/^topics: .*$/m, `topics: ${q.topics}`);
    if (q.h1) text = text.replace(/^covers: .*$/m, "covers: extra").replace(/^# .*$/m, `# ${q.h1}`);
    mkdirSync(path.join(root, q.level), { recursive: true });
    writeFileSync(path.join(root, q.level, `${q.id}.md`), text);
  }
  return root;
}

/** A fresh PostgreSQL schema in DATABASE_URL's database, dropped afterwards. */
export function freshPostgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!DATABASE_URL) throw new Error("DATABASE_URL is not set");
  return freshSchema(DATABASE_URL, "srv");
}

export type DbKind = "sqlite" | "postgres";

/** Response bodies as tests read them: whatever JSON came back, checked by assertions. */
// biome-ignore lint/suspicious/noExplicitAny: answers are untyped JSON until asserted.
export type Json = any;

export interface TestServer extends RunningServer {
  dir: string;
  sqlitePath: string;
  databaseUrl: string | undefined;
  stop(): Promise<void>;
}

/** A real server on 127.0.0.1 with a free port, its own database and the fixture bank. */
export async function startTestServer(options: {
  db: DbKind;
  mode: "local" | "hosted";
  flags?: RawSettings;
}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-server-"));
  const sqlitePath = path.join(dir, "data", "pyprep.sqlite");
  const pgSchema = options.db === "postgres" ? await freshPostgresSchema() : undefined;
  const config = parseConfig(
    {},
    {
      mode: options.mode,
      port: 0,
      sqlitePath,
      databaseUrl: pgSchema?.url,
      contentDir: fixtureBank(),
      webDir: path.join(dir, "web"),
      authSecret: options.mode === "hosted" ? AUTH_SECRET : undefined,
      logLevel: "silent",
      ...options.flags,
    },
  );
  const server = await startServer(config).catch(async (error: unknown) => {
    await pgSchema?.drop();
    throw error;
  });
  return {
    ...server,
    dir,
    sqlitePath,
    databaseUrl: pgSchema?.url,
    async stop() {
      await server.close();
      await pgSchema?.drop();
      rmSync(dir, { recursive: true, force: true });
      if (config.contentDir) rmSync(config.contentDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/**
 * A browser-like client: it keeps cookies it is given, sends our Origin on every
 * request (as a browser does for fetch), and reads JSON answers.
 */
export class Client {
  readonly base: string;
  cookies = new Map<string, string>();
  origin: string | null;

  constructor(base: string) {
    this.base = base;
    this.origin = base;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request<T = Json>(
    method: string,
    pathname: string,
    options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.origin) headers.origin = this.origin;
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(new URL(pathname, this.base), { method, headers, body });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const [name, ...rest] = (pair ?? "").split("=");
      const value = rest.join("=");
      const expired = value === "" || attributes.some((a) => /max-age=0\b/i.test(a.trim()));
      if (name) {
        if (expired) this.cookies.delete(name.trim());
        else this.cookies.set(name.trim(), value);
      }
    }
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get("content-type")?.includes("json")) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get = <T = Json>(p: string) => this.request<T>("GET", p);
  post = <T = Json>(p: string, json?: unknown) => this.request<T>("POST", p, { json: json ?? {} });
  put = <T = Json>(p: string, json?: unknown) => this.request<T>("PUT", p, { json });
  del = <T = Json>(p: string, json?: unknown) => this.request<T>("DELETE", p, { json });

  async signUp(email: string, password = "correct horse battery"): Promise<ApiResponse> {
    return this.post("/api/auth/sign-up/email", { email, password, name: email.split("@")[0] });
  }
  async signIn(email: string, password = "correct horse battery"): Promise<ApiResponse> {
    return this.post("/api/auth/sign-in/email", { email, password });
  }
}

export function review(cardId: string, rating = 3, extra: Record<string, unknown> = {}) {
  return { cardId, rating, idempotencyKey: randomUUID(), durationMs: 4_000, ...extra };
}

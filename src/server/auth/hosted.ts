import type { Algorithm } from "@node-rs/argon2";
import { hash, verify } from "@node-rs/argon2";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Logger } from "pino";
import type { Store } from "../../store/store.ts";
import type { ServerConfig } from "../config.ts";
import type { AppUser } from "../http/env.ts";
import { RetryingSqliteDialect } from "./sqlite-retry-dialect.ts";

const ARGON2ID = 2 as Algorithm;

/** better-auth's tables, prefixed so they sit beside PyPrep's own without confusion. */
const MODEL_NAMES = {
  user: { modelName: "auth_user" },
  session: { modelName: "auth_session" },
  account: { modelName: "auth_account" },
  verification: { modelName: "auth_verification" },
} as const;

export interface HostedAuth {
  /** better-auth's own routes under /api/auth/*. */
  handler(request: Request): Promise<Response>;
  currentUser(headers: Headers): Promise<AppUser | null>;
  /** Ends every session of the user, on every server instance (sessions live in the database). */
  signOutEverywhere(userId: string): Promise<void>;
  /** True when the password is the account's; the same check sign-in makes. */
  checkPassword(userId: string, password: string): Promise<boolean>;
  /** Removes the account, its sessions and its credentials. PyPrep's rows are the caller's. */
  deleteAccount(userId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Accounts with email and password via better-auth: argon2id hashes, sessions in the
 * database (no cookie cache, so a revoked session is refused at once on every
 * instance), HttpOnly SameSite=Lax cookies.
 */
export async function createHostedAuth(options: {
  config: ServerConfig;
  baseURL: string;
  store: Store;
  logger: Logger;
}): Promise<HostedAuth> {
  const { config, baseURL, store, logger } = options;
  const { db, type, close } = authDatabase(config);
  const authLog = logger.child({ component: "auth" });

  const authOptions = {
    appName: "PyPrep",
    baseURL,
    basePath: "/api/auth",
    secret: config.authSecret,
    database: { db, type, transaction: type === "postgres" },
    ...MODEL_NAMES,
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      autoSignIn: true,
      password: {
        hash: (password: string) => hash(password, { algorithm: ARGON2ID }),
        verify: ({ hash: stored, password }: { hash: string; password: string }) =>
          verify(stored, password),
      },
    },
    session: { ...MODEL_NAMES.session, cookieCache: { enabled: false } },
    // PyPrep limits sign-in itself, per IP and per email (auth/rate-limit.ts).
    rateLimit: { enabled: false },
    advanced: {
      useSecureCookies: baseURL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" as const, path: "/" },
      ipAddress: config.trustProxy
        ? { ipAddressHeaders: ["x-forwarded-for"] }
        : { disableIpTracking: true },
    },
    databaseHooks: {
      user: {
        create: {
          // The PyPrep profile exists from the first request on, on any instance.
          after: async (user: { id: string; name?: string | null }) => {
            await store.ensureUser(user.id, { displayName: user.name ?? null });
          },
        },
      },
    },
    logger: {
      log: (level: string, message: string, ...args: unknown[]) => {
        const method = level === "error" ? "error" : level === "warn" ? "warn" : "debug";
        authLog[method]({ args }, message);
      },
    },
    telemetry: { enabled: false },
  };

  // Idempotent: creates only the tables and columns that are missing.
  const { runMigrations } = await getMigrations(authOptions);
  await runMigrations().catch(async (error: unknown) => {
    // Two instances starting together can race to create the same table; the loser
    // finds it made by the winner on a second look.
    authLog.warn({ err: error }, "auth migration failed once; retrying");
    await (await getMigrations(authOptions)).runMigrations();
  });

  const auth = betterAuth(authOptions);
  const context = await auth.$context;

  return {
    handler: (request) => auth.handler(request),
    async currentUser(headers) {
      const found = await auth.api.getSession({ headers });
      if (!found) return null;
      return { id: found.user.id, email: found.user.email, name: found.user.name };
    },
    async signOutEverywhere(userId) {
      await context.internalAdapter.deleteUserSessions(userId);
    },
    async checkPassword(userId, password) {
      const accounts = await context.internalAdapter.findAccounts(userId);
      const stored = accounts.find((a) => a.providerId === "credential")?.password;
      if (!stored) return false;
      return context.password.verify({ hash: stored, password });
    },
    async deleteAccount(userId) {
      await context.internalAdapter.deleteUserSessions(userId);
      await context.internalAdapter.deleteUser(userId);
    },
    close,
  };
}

function authDatabase(config: ServerConfig): {
  // biome-ignore lint/suspicious/noExplicitAny: better-auth types its Kysely as Kysely<any>.
  db: Kysely<any>;
  type: "postgres" | "sqlite";
  close: () => Promise<void>;
} {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: Math.max(2, Math.ceil(config.poolSize / 2)),
    });
    const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    return { db, type: "postgres", close: () => db.destroy() };
  }
  // No busy timeout: see RetryingSqliteDialect for why waiting must be asynchronous.
  const database = new BetterSqlite3(config.sqlitePath, { timeout: 0 });
  database.pragma("journal_mode = WAL");
  const db = new Kysely({ dialect: new RetryingSqliteDialect({ database }) });
  return { db, type: "sqlite", close: () => db.destroy() };
}

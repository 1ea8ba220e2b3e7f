import type { Algorithm } from "@node-rs/argon2";
import { hash, verify } from "@node-rs/argon2";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import type { Logger } from "pino";
import { withMigrationLock } from "../../store/connect.ts";
import type { Store } from "../../store/store.ts";
import type { ServerConfig } from "../config.ts";
import type { AppUser } from "../http/env.ts";
import type { ServerDatabase } from "../server-db.ts";

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
  /** The server's second connection (server-db.ts); the caller closes it. */
  database: ServerDatabase;
}): Promise<HostedAuth> {
  const { config, baseURL, store, logger } = options;
  const { db, type } = options.database;
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
      // Off, so a sign-up with a taken email answers exactly like one with a new email
      // (better-auth's enumeration protection); routes/auth.ts signs a new account in.
      autoSignIn: false,
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

  // Idempotent: creates only the tables and columns that are missing. On PostgreSQL it
  // runs under the store's migration lock: two instances starting on an empty schema
  // would otherwise race to create the same tables (and types).
  const runAuthMigrations = async () => (await getMigrations(authOptions)).runMigrations();
  if (type === "postgres") await withMigrationLock(db, () => runAuthMigrations());
  else await runAuthMigrations();

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
  };
}

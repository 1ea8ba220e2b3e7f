import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DEFAULT_POOL_SIZE } from "../store/pool-size.ts";

/** The package root: `dist/web` and the bundled bank are found relative to it, not to cwd. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const DEFAULT_PORT = 4310;

export interface ServerConfig {
  mode: "local" | "hosted";
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** PostgreSQL when set; otherwise SQLite at `sqlitePath`. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  poolSize: number;
  webDir: string;
  /** Undefined: the bundled bank. */
  contentDir: string | undefined;
  /** The origin browsers use (hosted): auth callbacks and the same-origin check. */
  publicUrl: string | undefined;
  authSecret: string | undefined;
  /** Sign-in/sign-up attempts allowed per client IP and per email address per window. */
  authRateLimit: { max: number; windowSeconds: number };
  /** Take the client IP from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Shut down when stdin reaches its end: the parent that started us (a test) is gone. */
  exitWithStdin: boolean;
}

/**
 * One row per setting: its environment variable, its flag, what it means. `pyprep serve
 * --help` prints this table, so the help can never drift from what is parsed.
 */
export const SETTINGS = [
  [
    "mode",
    "PYPREP_MODE",
    "--mode <local|hosted>",
    "local: one profile, no sign-in (default); hosted: accounts",
  ],
  ["host", "HOST", "--host <address>", "interface to bind (default 127.0.0.1)"],
  ["port", "PORT", "--port <n>", `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`],
  [
    "databaseUrl",
    "DATABASE_URL",
    "--database-url <url>",
    "postgres://… to use PostgreSQL instead of SQLite",
  ],
  ["sqlitePath", "PYPREP_DB", "--db <file>", "SQLite file (default ~/.pyprep/pyprep.sqlite)"],
  [
    "poolSize",
    "PYPREP_DB_POOL",
    "--db-pool <n>",
    "PostgreSQL connections per process (default 10)",
  ],
  ["webDir", "PYPREP_WEB_DIR", "--web-dir <dir>", "the built web app (default dist/web)"],
  [
    "contentDir",
    "PYPREP_CONTENT_DIR",
    "--content <dir>",
    "question bank root (default the bundled content/)",
  ],
  [
    "publicUrl",
    "PYPREP_PUBLIC_URL",
    "--public-url <url>",
    "hosted: the URL users open, e.g. https://prep.example.com",
  ],
  [
    "authSecret",
    "PYPREP_AUTH_SECRET",
    "--auth-secret <s>",
    "hosted: ≥ 32 random characters signing session cookies (or BETTER_AUTH_SECRET)",
  ],
  [
    "authRateLimit",
    "PYPREP_AUTH_RATE_LIMIT",
    "--auth-rate-limit <n/s>",
    "hosted: sign-in attempts per IP and per email, e.g. 10/60 (default)",
  ],
  [
    "trustProxy",
    "PYPREP_TRUST_PROXY",
    "--trust-proxy",
    "take the client IP from X-Forwarded-For (behind a proxy only)",
  ],
  [
    "logLevel",
    "PYPREP_LOG_LEVEL",
    "--log-level <level>",
    "fatal, error, warn, info (default), debug, trace or silent",
  ],
  [
    "exitWithStdin",
    "PYPREP_EXIT_WITH_STDIN",
    "--exit-with-stdin",
    "shut down when stdin closes (a supervisor or test that started it has gone)",
  ],
] as const;

export type SettingName = (typeof SETTINGS)[number][0];
/** Raw values as strings (env) or what commander produced (flags); flags win. */
export type RawSettings = Partial<Record<SettingName, string | number | boolean | undefined>>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

const boolish = z
  .union([z.boolean(), z.enum(["1", "0", "true", "false", "yes", "no", ""])])
  .transform((v) => v === true || v === "1" || v === "true" || v === "yes");

const schema = z
  .object({
    mode: z.enum(["local", "hosted"]).default("local"),
    host: z.string().min(1).default("127.0.0.1"),
    port: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    sqlitePath: z.string().min(1).optional(),
    poolSize: z.coerce.number().int().min(1).max(200).default(DEFAULT_POOL_SIZE),
    webDir: z.string().min(1).optional(),
    contentDir: z.string().min(1).optional(),
    publicUrl: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
      .optional(),
    authSecret: z.string().min(32, "must be at least 32 characters").optional(),
    authRateLimit: z
      .string()
      .regex(/^\d+\/\d+$/, "must be attempts/seconds, e.g. 10/60")
      .default("10/60")
      .transform((v) => {
        const [max, windowSeconds] = v.split("/").map(Number) as [number, number];
        return { max, windowSeconds };
      })
      .refine((v) => v.max >= 1 && v.windowSeconds >= 1, "both numbers must be at least 1"),
    trustProxy: boolish.default(false),
    logLevel: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    exitWithStdin: boolish.default(false),
  })
  .superRefine((value, ctx) => {
    if (value.mode === "local" && !LOOPBACK.has(value.host)) {
      ctx.addIssue({
        code: "custom",
        path: ["host"],
        message: `local mode has no sign-in, so it only binds to loopback (127.0.0.1); to serve others use PYPREP_MODE=hosted`,
      });
    }
    if (value.mode === "hosted" && !value.authSecret) {
      ctx.addIssue({
        code: "custom",
        path: ["authSecret"],
        message: "hosted mode needs a secret of at least 32 characters to sign session cookies",
      });
    }
  });

/** Reads env and flags into a checked config; throws ConfigError naming each bad setting. */
export function parseConfig(env: NodeJS.ProcessEnv, flags: RawSettings = {}): ServerConfig {
  const raw: Record<string, unknown> = {};
  for (const [name, envName] of SETTINGS) {
    const fromFlag = flags[name];
    const fromEnv = name === "authSecret" ? (env[envName] ?? env.BETTER_AUTH_SECRET) : env[envName];
    const value = fromFlag ?? (fromEnv === "" ? undefined : fromEnv);
    if (value !== undefined) raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "");
        const row = SETTINGS.find(([n]) => n === name);
        const label = row ? `${row[1]} (${row[2].split(" ")[0]})` : name || "config";
        return `${label}: ${issue.message}`;
      }),
    );
  }
  const v = parsed.data;
  return {
    mode: v.mode,
    host: v.host,
    port: v.port,
    databaseUrl: v.databaseUrl,
    sqlitePath: path.resolve(v.sqlitePath ?? path.join(homedir(), ".pyprep", "pyprep.sqlite")),
    poolSize: v.poolSize,
    webDir: path.resolve(v.webDir ?? path.join(PACKAGE_ROOT, "dist", "web")),
    contentDir: v.contentDir === undefined ? undefined : path.resolve(v.contentDir),
    publicUrl: v.publicUrl === undefined ? undefined : new URL(v.publicUrl).origin,
    authSecret: v.authSecret,
    authRateLimit: v.authRateLimit,
    trustProxy: v.trustProxy,
    logLevel: v.logLevel,
    exitWithStdin: v.exitWithStdin,
  };
}

/** The `--help` text listing every setting. */
export function settingsHelp(): string {
  const rows = SETTINGS.map(
    ([, env, flag, about]) => `  ${env.padEnd(24)}${flag.padEnd(26)}${about}`,
  );
  return `Settings (environment variable, flag; a flag wins over the variable):\n${rows.join("\n")}`;
}

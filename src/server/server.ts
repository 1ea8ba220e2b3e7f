import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import pino, { type Logger } from "pino";
import { formatProblem } from "../content/problem.ts";
import { loadBank } from "../content/read-bank.ts";
import { openStore, type Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import type { HostedAuth } from "./auth/hosted.ts";
import { AttemptLimiter, accountRules } from "./auth/rate-limit.ts";
import { buildBankView } from "./bank-view.ts";
import { answerClientErrors } from "./client-errors.ts";
import { PACKAGE_ROOT, type ServerConfig } from "./config.ts";
import type { AppDeps } from "./deps.ts";
import { hostedIdentity, LOCAL_USER, localIdentity } from "./identity.ts";
import { openServerDatabase, type ServerDatabase, serverTables } from "./server-db.ts";
import { storageHealth } from "./storage-health.ts";

export interface RunningServer {
  /** `http://127.0.0.1:4310`: where it listens. */
  url: string;
  port: number;
  logger: Logger;
  /** Every route of the app, as Hono registered it: tests walk them all. */
  routes: readonly { method: string; path: string }[];
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
}

/** Headers must arrive within this; a body that stalls is cut by `bodyChunks` sooner. */
const HEADERS_TIMEOUT_MS = 20_000;
/** The whole request, body included: generous, since a long history imports as one body. */
const REQUEST_TIMEOUT_MS = 600_000;

export function createLogger(level: ServerConfig["logLevel"]): Logger {
  // Asynchronous writes: a log line must never hold up a response.
  return pino({ level, base: { service: "pyprep" } }, pino.destination({ dest: 1, sync: false }));
}

/**
 * Loads the bank, opens (and migrates) the database, listens, then wires the app.
 * The socket is opened before auth is set up because better-auth needs the final
 * URL, which with port 0 is only known once listening; requests that arrive in the
 * gap are answered 503.
 */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const { bank, problems } = await loadBank(config.contentDir);
  for (const problem of problems)
    logger.warn({ problem: formatProblem(problem) }, "skipped a bad question file");
  const view = buildBankView(bank);
  const store = await openDatabase(config, logger);

  // `env` carries Node's request and response (@hono/node-server): readBody reads from it.
  let handler: ((request: Request, env: unknown) => Response | Promise<Response>) | undefined;
  let server: ServerType | undefined;
  let database: ServerDatabase | undefined;
  let hosted: HostedAuth | undefined;
  try {
    database = openServerDatabase(config, logger);
    const address = await new Promise<AddressInfo>((resolve, reject) => {
      server = serve(
        {
          fetch: (request, env) =>
            handler
              ? handler(request, env)
              : Response.json({ error: "starting up", details: [] }, { status: 503 }),
          hostname: config.host,
          port: config.port,
          serverOptions: {
            headersTimeout: HEADERS_TIMEOUT_MS,
            requestTimeout: REQUEST_TIMEOUT_MS,
          },
        },
        resolve,
      );
      server.once("error", reject);
    });
    answerClientErrors(server as ServerType, logger);
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;

    let attempts: AppDeps["attempts"];
    if (config.mode === "hosted") {
      // Loaded only when needed: better-auth and its dependencies cost local mode ~40 MB.
      const { createHostedAuth } = await import("./auth/hosted.ts");
      hosted = await createHostedAuth({
        config,
        baseURL: config.publicUrl ?? url,
        store,
        logger,
        database,
      });
      attempts = {
        limiter: new AttemptLimiter(serverTables(database)),
        rules: accountRules(config.authRateLimit),
      };
    } else {
      await store.ensureUser(LOCAL_USER.id, { displayName: LOCAL_USER.name ?? null });
    }
    const deps: AppDeps = {
      config,
      store,
      view,
      identity: hosted ? hostedIdentity(hosted) : localIdentity(),
      logger,
      version: packageVersion(),
      now,
      health: storageHealth({
        database,
        sqlitePath: config.databaseUrl ? undefined : config.sqlitePath,
        now,
      }),
      ...(attempts ? { attempts } : {}),
    };
    const app = createApp(deps);
    handler = (request, env) => app.fetch(request, env);
    logger.info(
      { url, mode: config.mode, database: store.location, questions: bank.questions.length },
      "listening",
    );

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        stopWatchingStdin?.();
        await new Promise<void>((done) => {
          if (!server) return done();
          server.close(() => done());
          // Idle keep-alive sockets would hold close() open forever.
          if ("closeIdleConnections" in server) server.closeIdleConnections();
        });
        await database?.close();
        await store.close();
        logger.flush();
      })();
      return closing;
    };
    const stopWatchingStdin = config.exitWithStdin ? exitWhenStdinCloses(logger) : undefined;
    return {
      url,
      port: address.port,
      logger,
      routes: app.routes.map(({ method, path }) => ({ method, path })),
      close,
    };
  } catch (error) {
    server?.close();
    await database?.close().catch(() => undefined);
    await store.close();
    throw error;
  }
}

/** Opens the store, naming the file or URL when it cannot be used (read-only, missing folder). */
async function openDatabase(config: ServerConfig, logger: Logger): Promise<Store> {
  const where = config.databaseUrl ? "the PostgreSQL database" : config.sqlitePath;
  try {
    return await openStore({
      ...(config.databaseUrl
        ? { databaseUrl: config.databaseUrl, poolSize: config.poolSize }
        : { sqlitePath: config.sqlitePath }),
      onIdleError: (error) => logger.warn({ err: error }, "an idle database connection failed"),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = String((error as { code?: unknown }).code ?? cause?.code ?? "");
    const reason = (error as Error).message;
    if (/^SQLITE_(READONLY|CANTOPEN|PERM)|^EROFS$|^EACCES$|^EPERM$/.test(code)) {
      throw new Error(
        `cannot write the database ${where} (${reason}): the file or its folder is read-only; ` +
          "make both writable, or point PYPREP_DB (--db) at a writable place",
        { cause: error },
      );
    }
    if (reason.includes(where)) throw error;
    throw new Error(`cannot open the database ${where}: ${reason}`, { cause: error });
  }
}

/**
 * With `exitWithStdin`, the parent holds our stdin open; when it dies (even by SIGKILL)
 * the pipe closes and we shut down as for SIGTERM, so no server outlives its test.
 */
function exitWhenStdinCloses(logger: Logger): () => void {
  const stdin = process.stdin;
  const gone = () => {
    logger.warn("stdin closed: the process that started this server has gone; shutting down");
    process.kill(process.pid, "SIGTERM");
  };
  stdin.once("end", gone);
  stdin.once("close", gone);
  stdin.on("data", () => undefined);
  stdin.resume();
  return () => {
    stdin.off("end", gone);
    stdin.off("close", gone);
    stdin.pause();
    stdin.destroy();
  };
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8"));
    return String(pkg.version);
  } catch {
    return "0.0.0";
  }
}

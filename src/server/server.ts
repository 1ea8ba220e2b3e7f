import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import pino, { type Logger } from "pino";
import { formatProblem } from "../content/problem.ts";
import { loadBank } from "../content/read-bank.ts";
import { openStore } from "../store/store.ts";
import { createApp } from "./app.ts";
import type { HostedAuth } from "./auth/hosted.ts";
import { buildBankView } from "./bank-view.ts";
import { PACKAGE_ROOT, type ServerConfig } from "./config.ts";
import type { AppDeps } from "./deps.ts";
import { hostedIdentity, LOCAL_USER, localIdentity } from "./identity.ts";

export interface RunningServer {
  /** `http://127.0.0.1:4310`: where it listens. */
  url: string;
  port: number;
  logger: Logger;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
}

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
  const { bank, problems } = await loadBank(config.contentDir);
  for (const problem of problems)
    logger.warn({ problem: formatProblem(problem) }, "skipped a bad question file");
  const view = buildBankView(bank);
  const store = await openStore(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl, poolSize: config.poolSize }
      : { sqlitePath: config.sqlitePath },
  );

  let handler: ((request: Request) => Response | Promise<Response>) | undefined;
  let server: ServerType | undefined;
  let hosted: HostedAuth | undefined;
  try {
    const address = await new Promise<AddressInfo>((resolve, reject) => {
      server = serve(
        {
          fetch: (request) =>
            handler
              ? handler(request)
              : Response.json({ error: "starting up", details: [] }, { status: 503 }),
          hostname: config.host,
          port: config.port,
        },
        resolve,
      );
      server.once("error", reject);
    });
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;

    if (config.mode === "hosted") {
      // Loaded only when needed: better-auth and its dependencies cost local mode ~40 MB.
      const { createHostedAuth } = await import("./auth/hosted.ts");
      hosted = await createHostedAuth({ config, baseURL: config.publicUrl ?? url, store, logger });
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
      now: options.now ?? (() => new Date()),
    };
    const app = createApp(deps);
    handler = (request) => app.fetch(request);
    logger.info(
      { url, mode: config.mode, database: store.location, questions: bank.questions.length },
      "listening",
    );

    let closing: Promise<void> | undefined;
    return {
      url,
      port: address.port,
      logger,
      close: () => {
        closing ??= (async () => {
          await new Promise<void>((done) => {
            if (!server) return done();
            server.close(() => done());
            // Idle keep-alive sockets would hold close() open forever.
            if ("closeIdleConnections" in server) server.closeIdleConnections();
          });
          await hosted?.close();
          await store.close();
          logger.flush();
        })();
        return closing;
      },
    };
  } catch (error) {
    server?.close();
    await hosted?.close().catch(() => undefined);
    await store.close();
    throw error;
  }
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8"));
    return String(pkg.version);
  } catch {
    return "0.0.0";
  }
}

import { type Command, Option } from "commander";
import { ConfigError, parseConfig, type RawSettings, settingsHelp } from "../../server/config.ts";
import { SUPERVISED_ENV, supervise, whenSupervisorGoes } from "../../server/supervise.ts";
// The server itself (src/server/server.ts: Hono, better-auth, the store, the bank) is
// imported in the supervised child only: the supervisor stays small.

/** Registers `pyprep serve`: the HTTP API and the web app, local or hosted. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the web app and the HTTP API (local profile by default)")
    .addOption(new Option("--mode <mode>", "local or hosted").choices(["local", "hosted"]))
    .option("--host <address>", "interface to bind")
    .option("--port <n>", "port to listen on")
    .option("--database-url <url>", "PostgreSQL URL")
    .option("--db <file>", "SQLite file")
    .option("--db-pool <n>", "PostgreSQL connections")
    .option("--web-dir <dir>", "the built web app")
    .option("--content <dir>", "question bank root")
    .option("--public-url <url>", "the URL users open (hosted)")
    .option("--auth-secret <secret>", "session signing secret (hosted)")
    .option("--auth-rate-limit <n/s>", "sign-in attempts per IP and per email per window")
    .option("--trust-proxy", "take the client IP from X-Forwarded-For")
    .option("--log-level <level>", "log level")
    .option("--exit-with-stdin", "shut down when stdin closes")
    .addHelpText("after", `\n${settingsHelp()}`)
    .action(async (flags: Record<string, string | boolean | undefined>) => {
      process.exitCode = await serveCommand({
        mode: flags.mode,
        host: flags.host,
        port: flags.port,
        databaseUrl: flags.databaseUrl,
        sqlitePath: flags.db,
        poolSize: flags.dbPool,
        webDir: flags.webDir,
        contentDir: flags.content,
        publicUrl: flags.publicUrl,
        authSecret: flags.authSecret,
        authRateLimit: flags.authRateLimit,
        trustProxy: flags.trustProxy,
        logLevel: flags.logLevel,
        exitWithStdin: flags.exitWithStdin,
      });
    });
}

/** Runs until SIGINT/SIGTERM; 0 after a clean shutdown, 2 for a bad configuration. */
export async function serveCommand(flags: RawSettings): Promise<number> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env, flags);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`pyprep serve: ${error.message}\n\nSee pyprep serve --help.`);
      return 2;
    }
    throw error;
  }
  if (process.env[SUPERVISED_ENV] !== "1") {
    // Serve from a child, so a signal no JavaScript can catch (SIGBUS from SQLite's mapped
    // pages on a full disk) still ends in a log line that says what happened.
    return supervise({
      command: process.execPath,
      args: [...process.execArgv, ...process.argv.slice(1)],
      database: config.databaseUrl ? "PostgreSQL" : config.sqlitePath,
    });
  }
  const { startServer } = await import("../../server/server.ts");
  const server = await startServer(config);
  if (config.mode === "local")
    console.error(`PyPrep is running at ${server.url} (Ctrl+C stops it)`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      server.logger.info({ signal }, "shutting down");
      server.close().then(resolve, resolve);
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
    whenSupervisorGoes(() => stop("the supervisor is gone"));
  });
  return 0;
}

import { spawnSync } from "node:child_process";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, SETTINGS } from "../../src/server/config.ts";

const BIN = fileURLToPath(new URL("../../bin/pyprep.js", import.meta.url));
const SECRET = "s".repeat(32);

function problems(env: NodeJS.ProcessEnv, flags = {}): string[] {
  try {
    parseConfig(env, flags);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("server configuration", () => {
  it("defaults to a local profile on 127.0.0.1:4310 with SQLite under ~/.pyprep", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      mode: "local",
      host: "127.0.0.1",
      port: 4310,
      databaseUrl: undefined,
      sqlitePath: path.join(homedir(), ".pyprep", "pyprep.sqlite"),
      authRateLimit: { max: 10, windowSeconds: 60 },
      logLevel: "info",
    });
  });

  it("reads the environment, and lets flags win", () => {
    const env = {
      PORT: "5000",
      PYPREP_DB: "/tmp/x.sqlite",
      PYPREP_MODE: "hosted",
      BETTER_AUTH_SECRET: SECRET,
    };
    const config = parseConfig(env, { port: "6000" });
    expect(config).toMatchObject({
      port: 6000,
      sqlitePath: "/tmp/x.sqlite",
      mode: "hosted",
      authSecret: SECRET,
    });
  });

  it("names each bad setting by its variable and flag, with the reason", () => {
    const found = problems({
      PORT: "eighty",
      PYPREP_MODE: "cloud",
      DATABASE_URL: "mysql://x",
      PYPREP_AUTH_RATE_LIMIT: "lots",
      PYPREP_LOG_LEVEL: "loud",
    });
    expect(found.join("\n")).toMatch(/PORT \(--port\): /);
    expect(found.join("\n")).toMatch(/PYPREP_MODE \(--mode\): /);
    expect(found.join("\n")).toMatch(
      /DATABASE_URL \(--database-url\): must start with postgres:\/\//,
    );
    expect(found.join("\n")).toMatch(
      /PYPREP_AUTH_RATE_LIMIT \(--auth-rate-limit\): must be attempts\/seconds/,
    );
    expect(found.join("\n")).toMatch(/PYPREP_LOG_LEVEL \(--log-level\): /);
  });

  it("refuses hosted mode without a strong secret, and local mode off loopback", () => {
    expect(problems({ PYPREP_MODE: "hosted" }).join()).toMatch(/PYPREP_AUTH_SECRET.*at least 32/);
    expect(problems({ PYPREP_MODE: "hosted", PYPREP_AUTH_SECRET: "short" }).join()).toMatch(
      /at least 32/,
    );
    expect(problems({ HOST: "0.0.0.0" }).join()).toMatch(/local mode has no sign-in/);
    expect(
      problems({ HOST: "0.0.0.0", PYPREP_MODE: "hosted", PYPREP_AUTH_SECRET: SECRET }),
    ).toEqual([]);
  });

  it("`pyprep serve --help` lists every environment variable and flag", () => {
    const result = spawnSync(process.execPath, [BIN, "serve", "--help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    for (const [, env, flag] of SETTINGS) {
      expect(result.stdout).toContain(env);
      expect(result.stdout).toContain(flag.split(" ")[0]);
    }
  });

  it("`pyprep serve` with a bad setting exits 2 with the problem, before binding anything", () => {
    const result = spawnSync(process.execPath, [BIN, "serve"], {
      encoding: "utf8",
      env: { ...process.env, PORT: "99999", PYPREP_MODE: "hosted", PYPREP_AUTH_SECRET: "" },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/PORT \(--port\)/);
    expect(result.stderr).toMatch(/PYPREP_AUTH_SECRET/);
  });
});

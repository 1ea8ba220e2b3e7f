import { describe, expect, it } from "vitest";
import { resolveDatabase } from "../../src/cli/database.ts";

describe("where the CLI keeps progress", () => {
  const env = { DATABASE_URL: "postgres://u:p@127.0.0.1:5432/other", PYPREP_DB: "/tmp/env.sqlite" };

  it("takes --db over a DATABASE_URL set in the environment", () => {
    expect(resolveDatabase({ db: "/tmp/flag.sqlite" }, env)).toEqual({
      databaseUrl: undefined,
      sqlitePath: "/tmp/flag.sqlite",
    });
  });

  it("uses DATABASE_URL when no flag names a database", () => {
    expect(resolveDatabase({}, env).databaseUrl).toBe(env.DATABASE_URL);
  });

  it("uses --database-url when both flags are given", () => {
    const url = "postgres://u:p@127.0.0.1:5432/flag";
    expect(resolveDatabase({ db: "/tmp/flag.sqlite", databaseUrl: url }, env).databaseUrl).toBe(
      url,
    );
  });
});

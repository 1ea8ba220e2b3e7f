import { describe, it } from "vitest";
import { mocksSuite } from "./mocks-suite.ts";
import { postgresTargets } from "./targets.ts";

const databaseUrl = process.env.DATABASE_URL;

if (databaseUrl) {
  describe("mock interviews in the store, PostgreSQL", () =>
    mocksSuite(postgresTargets(databaseUrl)));
} else {
  describe("mock interviews in the store, PostgreSQL", () => {
    it.skip("needs DATABASE_URL (export DATABASE_URL=$(scripts/start-postgres.sh))", () => {});
  });
}

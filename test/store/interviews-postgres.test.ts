import { describe, it } from "vitest";
import { interviewsSuite } from "./interviews-suite.ts";
import { postgresTargets } from "./targets.ts";

const databaseUrl = process.env.DATABASE_URL;

if (databaseUrl) {
  describe("interviews in the store, PostgreSQL", () =>
    interviewsSuite(postgresTargets(databaseUrl)));
} else {
  describe("interviews in the store, PostgreSQL", () => {
    it.skip("needs DATABASE_URL (export DATABASE_URL=$(scripts/start-postgres.sh))", () => {});
  });
}

import { describe, it } from "vitest";
import { storeSuite } from "./store-suite.ts";
import { postgresTargets } from "./targets.ts";

const databaseUrl = process.env.DATABASE_URL;

if (databaseUrl) {
  describe("store on PostgreSQL", () => storeSuite(postgresTargets(databaseUrl)));
} else {
  // Visible in the report as skipped, with the reason in its name.
  describe("store on PostgreSQL", () => {
    it.skip("needs DATABASE_URL (export DATABASE_URL=$(scripts/start-postgres.sh))", () => {});
  });
}

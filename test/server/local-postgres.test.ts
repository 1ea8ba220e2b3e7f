import { describe, it } from "vitest";
import { apiSuite } from "./api-suite.ts";
import { hardeningSuite } from "./hardening-suite.ts";
import { DATABASE_URL } from "./harness.ts";

if (DATABASE_URL) {
  apiSuite("postgres");
  hardeningSuite("postgres");
} else
  describe("API, local mode, postgres", () =>
    it.skip("needs DATABASE_URL (scripts/start-postgres.sh)", () => {}));

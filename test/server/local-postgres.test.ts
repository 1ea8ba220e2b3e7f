import { describe, it } from "vitest";
import { apiSuite } from "./api-suite.ts";
import { DATABASE_URL } from "./harness.ts";

if (DATABASE_URL) apiSuite("postgres");
else
  describe("API, local mode, postgres", () =>
    it.skip("needs DATABASE_URL (scripts/start-postgres.sh)", () => {}));

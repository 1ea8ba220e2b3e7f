import { describe, it } from "vitest";
import { DATABASE_URL } from "./harness.ts";
import { planSuite } from "./plan-suite.ts";

if (DATABASE_URL) planSuite("postgres");
else
  describe("interviews and plan API, postgres", () =>
    it.skip("needs DATABASE_URL (scripts/start-postgres.sh)", () => {}));

import { describe, it } from "vitest";
import { DATABASE_URL } from "./harness.ts";
import { mocksSuite } from "./mocks-suite.ts";

if (DATABASE_URL) mocksSuite("postgres");
else
  describe("mock interviews API, postgres", () =>
    it.skip("needs DATABASE_URL (scripts/start-postgres.sh)", () => {}));

import { describe, it } from "vitest";
import { accountsSuite } from "./accounts-suite.ts";
import { DATABASE_URL } from "./harness.ts";

if (DATABASE_URL) accountsSuite("postgres");
else
  describe("accounts, hosted mode, postgres", () =>
    it.skip("needs DATABASE_URL (scripts/start-postgres.sh)", () => {}));

import { describe } from "vitest";
import { mocksSuite } from "./mocks-suite.ts";
import { sqliteTargets } from "./targets.ts";

describe("mock interviews in the store, SQLite", () => mocksSuite(sqliteTargets));

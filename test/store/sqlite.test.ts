import { describe } from "vitest";
import { storeSuite } from "./store-suite.ts";
import { sqliteTargets } from "./targets.ts";

describe("store on SQLite", () => storeSuite(sqliteTargets));

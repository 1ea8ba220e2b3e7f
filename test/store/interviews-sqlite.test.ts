import { describe } from "vitest";
import { interviewsSuite } from "./interviews-suite.ts";
import { sqliteTargets } from "./targets.ts";

describe("interviews in the store, SQLite", () => interviewsSuite(sqliteTargets));

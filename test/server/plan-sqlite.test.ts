import { planSuite } from "./plan-suite.ts";

planSuite("sqlite");

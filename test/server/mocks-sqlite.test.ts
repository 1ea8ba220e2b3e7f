import { mocksSuite } from "./mocks-suite.ts";

mocksSuite("sqlite");

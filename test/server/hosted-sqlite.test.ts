import { accountsSuite } from "./accounts-suite.ts";

accountsSuite("sqlite");

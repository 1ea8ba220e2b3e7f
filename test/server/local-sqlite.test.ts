import { apiSuite } from "./api-suite.ts";
import { hardeningSuite } from "./hardening-suite.ts";

apiSuite("sqlite");
hardeningSuite("sqlite");

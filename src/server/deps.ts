import type { Logger } from "pino";
import type { Store } from "../store/store.ts";
import type { BankView } from "./bank-view.ts";
import type { ServerConfig } from "./config.ts";
import type { Identity } from "./identity.ts";

/** What the routes are built from; `startServer` assembles it, tests may too. */
export interface AppDeps {
  config: ServerConfig;
  store: Store;
  view: BankView;
  identity: Identity;
  logger: Logger;
  version: string;
  /** The clock; tests may fix it. */
  now: () => Date;
}

import type { Logger } from "pino";
import type { Store } from "../store/store.ts";
import type { AccountRules, AttemptLimiter } from "./auth/rate-limit.ts";
import type { BankView } from "./bank-view.ts";
import type { ServerConfig } from "./config.ts";
import type { Identity } from "./identity.ts";
import type { StorageHealth } from "./storage-health.ts";

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
  /** Whether writes can land; `/readyz` asks it, the error handler tells it. Optional in tests. */
  health?: StorageHealth;
  /** Hosted mode: attempt counters in the database, and the limits they enforce. */
  attempts?: { limiter: AttemptLimiter; rules: AccountRules };
}

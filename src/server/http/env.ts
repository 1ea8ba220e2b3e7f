import type { Logger } from "pino";
import type { BodyLimit } from "./body-limits.ts";

/** Who a request acts for: the local profile, or a signed-in account. */
export interface AppUser {
  id: string;
  email?: string;
  name?: string;
}

/** Hono's per-request variables, typed once for every route. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    /** Set by `requireUser` on routes that need a user. */
    user: AppUser;
    /** Set by `bodyLimits`: the most this route reads of a body. */
    bodyLimit: BodyLimit;
  };
}

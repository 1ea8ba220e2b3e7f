import type { Context, MiddlewareHandler } from "hono";
import type { Store } from "../store/store.ts";
import type { HostedAuth } from "./auth/hosted.ts";
import type { AppEnv, AppUser } from "./http/env.ts";
import { unauthorized } from "./http/errors.ts";

/** Who is asking: always the local profile in local mode, the session's account in hosted mode. */
export interface Identity {
  mode: "local" | "hosted";
  currentUser(c: Context<AppEnv>): Promise<AppUser | null>;
  /** Present in hosted mode only. */
  hosted?: HostedAuth;
}

export const LOCAL_USER: Readonly<AppUser> = Object.freeze({ id: "local", name: "Local profile" });

export function localIdentity(): Identity {
  return { mode: "local", currentUser: async () => LOCAL_USER };
}

export function hostedIdentity(hosted: HostedAuth): Identity {
  return {
    mode: "hosted",
    hosted,
    currentUser: (c) => hosted.currentUser(c.req.raw.headers),
  };
}

/**
 * For routes that act for a user: 401 without one. The PyPrep profile row is created
 * on first sight (once per process), so a user who signed up on another instance, or
 * before a restore, can study at once.
 */
export function requireUser(identity: Identity, store: Store): MiddlewareHandler<AppEnv> {
  const known = new Set<string>();
  return async (c, next) => {
    const user = await identity.currentUser(c);
    if (!user) throw unauthorized();
    if (!known.has(user.id)) {
      await store.ensureUser(user.id, { displayName: user.name ?? null });
      if (known.size > 100_000) known.clear();
      known.add(user.id);
    }
    c.set("user", user);
    await next();
  };
}

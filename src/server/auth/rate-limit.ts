import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { ServerTables } from "../server-db.ts";

/** How many attempts one subject (an IP, an email, an account) gets per fixed window. */
export interface LimitRule {
  /** Part of the stored key, so two rules never share a counter. */
  name: string;
  max: number;
  windowSeconds: number;
}

export interface Attempt {
  rule: LimitRule;
  /** What is counted: an IP address, an email, a user id. Stored only as a hash. */
  subject: string;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counters older than this are deleted now and then; no rule has a longer window. */
const SWEEP_AFTER_MS = 86_400_000;

/**
 * Fixed-window attempt counters kept in the database, so every instance behind a load
 * balancer counts against the same limit. One statement per counter, atomic on both
 * PostgreSQL and SQLite: an upsert that starts a new window or adds one, and returns
 * the count. Every attempt is counted, allowed or not, so hammering keeps the door shut.
 */
export class AttemptLimiter {
  readonly #db: Kysely<ServerTables>;
  readonly #now: () => number;

  constructor(db: Kysely<ServerTables>, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  /** Counts one attempt against every rule; refused when any is over its limit. */
  async take(attempts: readonly Attempt[]): Promise<Verdict> {
    const now = this.#now();
    let waitMs = 0;
    for (const { rule, subject } of attempts) {
      const windowMs = rule.windowSeconds * 1000;
      const expired = sql<boolean>`rate_limits.window_start <= ${now - windowMs}`;
      const row = await this.#db
        .insertInto("rate_limits")
        .values({ key: counterKey(rule, subject), window_start: now, count: 1 })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            count: sql`case when ${expired} then 1 else rate_limits.count + 1 end`,
            window_start: sql`case when ${expired} then ${now} else rate_limits.window_start end`,
          }),
        )
        .returning(["count", "window_start"])
        .executeTakeFirstOrThrow();
      if (Number(row.count) > rule.max) {
        waitMs = Math.max(waitMs, Number(row.window_start) + windowMs - now);
      }
    }
    if (Math.random() < 0.01) await this.sweep(now);
    return waitMs > 0
      ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
      : { allowed: true };
  }

  /** Deletes counters whose window ended long ago. */
  async sweep(now = this.#now()): Promise<void> {
    await this.#db
      .deleteFrom("rate_limits")
      .where("window_start", "<", now - SWEEP_AFTER_MS)
      .where("key", "not like", "probe:%")
      .execute();
  }
}

/** Emails and addresses are personal data: the table holds only a keyed digest of them. */
function counterKey(rule: LimitRule, subject: string): string {
  const digest = createHash("sha256").update(subject).digest("base64url").slice(0, 32);
  return `${rule.name}:${digest}`;
}

/**
 * The limits for accounts, from `PYPREP_AUTH_RATE_LIMIT` (n attempts per s seconds).
 * Sign-in is counted per address and account together (n: one person, one place), per
 * address (3n: one place trying many accounts, with room for a shared office), and per
 * account from everywhere (10n: a guesser spread over many addresses). A stranger on
 * one address can use only n of the account's 10n, so cannot lock its owner out.
 */
export function accountRules(limit: { max: number; windowSeconds: number }) {
  const rule = (name: string, times: number): LimitRule => ({
    name,
    max: limit.max * times,
    windowSeconds: limit.windowSeconds,
  });
  return {
    signInPerAddressAndEmail: rule("sign-in:ip+email", 1),
    signInPerAddress: rule("sign-in:ip", 3),
    signInPerEmail: rule("sign-in:email", 10),
    signUpPerAddress: rule("sign-up:ip", 1),
    /** Re-entering the password of a signed-in account (delete, change, verify). */
    passwordPerAccount: rule("password:user", 1),
    passwordPerAddress: rule("password:ip", 3),
  };
}

export type AccountRules = ReturnType<typeof accountRules>;

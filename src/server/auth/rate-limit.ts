/**
 * Fixed-window attempt counters, in memory. Behind a load balancer each instance
 * counts on its own, so the effective limit is the per-instance limit times the
 * number of instances; that still turns password guessing from millions of tries
 * into a trickle, which is what it is for.
 */
export class AttemptLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(options: { max: number; windowSeconds: number; now?: () => number }) {
    this.#max = options.max;
    this.#windowMs = options.windowSeconds * 1000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Counts one attempt against every key; refused when any key is over its limit.
   * `retryAfter` is in whole seconds.
   */
  take(keys: readonly string[]): { allowed: true } | { allowed: false; retryAfter: number } {
    const now = this.#now();
    if (this.#windows.size > 10_000) this.#sweep(now);
    let wait = 0;
    for (const key of keys) {
      let window = this.#windows.get(key);
      if (!window || now - window.start >= this.#windowMs) {
        window = { start: now, count: 0 };
        this.#windows.set(key, window);
      }
      window.count++;
      if (window.count > this.#max) wait = Math.max(wait, window.start + this.#windowMs - now);
    }
    return wait > 0
      ? { allowed: false, retryAfter: Math.max(1, Math.ceil(wait / 1000)) }
      : { allowed: true };
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.#windowMs) this.#windows.delete(key);
    }
  }
}

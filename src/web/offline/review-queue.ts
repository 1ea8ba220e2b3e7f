import type { ReviewBody } from "../../api/types.ts";

/**
 * Reviews wait here until the server acknowledges them. Each is written to storage
 * BEFORE it is sent, so a closed tab or an unreachable server loses nothing; each keeps
 * the idempotency key it was born with, so a retry after a lost answer counts once.
 */

export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What sending one review can come to. */
export type SendOutcome =
  /** 2xx: the server has it (first time or duplicate). */
  | "delivered"
  /** Unreachable, 5xx, 429, 401: keep it and try later. */
  | "retry"
  /** Any other 4xx: the server will never take it; keep it out of the way. */
  | "rejected";

export interface QueuedReview {
  body: ReviewBody;
  /** Whose review it is (the user id, or "local"): never sent while someone else is signed in. */
  owner: string;
  queuedAt: string;
  attempts: number;
}

export interface QueueSnapshot {
  pending: number;
  rejected: number;
  flushing: boolean;
  lastError: string | null;
}

export class ReviewQueue {
  private flushing: Promise<void> | null = null;
  private requested = false;
  private lastError: string | null = null;
  private readonly listeners = new Set<() => void>();
  private snapshotCache: QueueSnapshot | null = null;
  private owner: string | null = null;

  constructor(
    private readonly storage: QueueStorage,
    private readonly send: (body: ReviewBody) => Promise<{ outcome: SendOutcome; error?: string }>,
    private readonly key = "pyprep.reviewQueue",
  ) {
    // Reviews made before the server has said who is signed in belong to the last known user.
    this.owner = storage.getItem(`${key}.owner`);
  }

  /** Reviews waiting, of whoever is signed in now. */
  pending(): QueuedReview[] {
    return this.read(this.key).filter((item) => item.owner === this.owner);
  }

  /** Who is signed in (null: not known yet, or nobody); only their reviews are sent. */
  setOwner(owner: string | null): void {
    if (owner === this.owner) return;
    this.owner = owner;
    if (owner) this.storage.setItem(`${this.key}.owner`, owner);
    this.changed();
    if (owner) void this.flush();
  }

  rejected(): QueuedReview[] {
    return this.read(`${this.key}.rejected`);
  }

  /** Stores the review, then tries to deliver everything waiting. */
  add(body: ReviewBody): Promise<void> {
    const items = this.read(this.key);
    if (!items.some((item) => item.body.idempotencyKey === body.idempotencyKey)) {
      items.push({
        body,
        owner: this.owner ?? "local",
        queuedAt: new Date().toISOString(),
        attempts: 0,
      });
      this.write(this.key, items);
    }
    return this.flush();
  }

  /** Sends waiting reviews in order; one flush at a time, stops at the first that must wait. */
  flush(): Promise<void> {
    // A request made while a drain runs must not be lost: the drain loops until none is left,
    // and clears `flushing` in the same step as it sees none, so no request falls between.
    this.requested = true;
    if (!this.flushing) {
      const run = async () => {
        try {
          while (this.requested) {
            this.requested = false;
            await this.drain();
          }
        } finally {
          this.flushing = null;
          this.changed();
        }
      };
      this.flushing = run();
      this.changed();
    }
    return this.flushing;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stable between changes, as useSyncExternalStore wants. */
  snapshot(): QueueSnapshot {
    this.snapshotCache ??= {
      pending: this.pending().length,
      rejected: this.rejected().length,
      flushing: this.flushing !== null,
      lastError: this.lastError,
    };
    return this.snapshotCache;
  }

  private async drain(): Promise<void> {
    if (!this.owner) return;
    for (;;) {
      const head = this.pending()[0];
      if (!head) return;
      let result: { outcome: SendOutcome; error?: string };
      try {
        result = await this.send(head.body);
      } catch (error) {
        result = { outcome: "retry", error: String((error as Error)?.message ?? error) };
      }
      if (result.outcome === "retry") {
        this.update(head.body.idempotencyKey, (item) => ({ ...item, attempts: item.attempts + 1 }));
        this.lastError = result.error ?? "the server did not answer";
        return;
      }
      this.lastError = result.outcome === "rejected" ? (result.error ?? "rejected") : null;
      // Re-read: another tab may have changed the queue while we waited for the server.
      const rest = this.read(this.key).filter(
        (item) => item.body.idempotencyKey !== head.body.idempotencyKey,
      );
      this.write(this.key, rest);
      if (result.outcome === "rejected") {
        this.write(`${this.key}.rejected`, [...this.rejected(), head].slice(-50));
      }
      this.changed();
    }
  }

  private update(idempotencyKey: string, change: (item: QueuedReview) => QueuedReview): void {
    this.write(
      this.key,
      this.read(this.key).map((item) =>
        item.body.idempotencyKey === idempotencyKey ? change(item) : item,
      ),
    );
  }

  private read(key: string): QueuedReview[] {
    try {
      const parsed = JSON.parse(this.storage.getItem(key) ?? "[]") as unknown;
      return Array.isArray(parsed) ? (parsed as QueuedReview[]) : [];
    } catch {
      return [];
    }
  }

  private write(key: string, items: QueuedReview[]): void {
    this.storage.setItem(key, JSON.stringify(items));
    this.changed();
  }

  private changed(): void {
    this.snapshotCache = null;
    for (const listener of this.listeners) listener();
  }
}

/** Decides what an HTTP answer means for a queued review. */
export function outcomeOf(status: number): SendOutcome {
  if (status >= 200 && status < 300) return "delivered";
  if (status >= 500 || status === 429 || status === 401 || status === 408) return "retry";
  return "rejected";
}

import type { ReviewBody } from "../../api/types.ts";

/**
 * Reviews wait here until the server acknowledges them. Each is written to the store
 * BEFORE it is sent, so a closed tab or an unreachable server loses nothing; each keeps
 * the idempotency key it was born with, so a retry after a lost answer counts once.
 */

/** Where queued reviews live (IndexedDB in the browser, memory in unit tests). */
export interface QueueStore {
  /** Waiting reviews, oldest first. */
  pending(): Promise<QueuedReview[]>;
  /** Adds a review unless one with its idempotency key is already there. */
  add(item: QueuedReview): Promise<void>;
  update(item: QueuedReview): Promise<void>;
  remove(idempotencyKey: string): Promise<void>;
  /** Moves a review the server refused for good out of the way (the last 50 are kept). */
  reject(item: QueuedReview): Promise<void>;
  rejected(): Promise<QueuedReview[]>;
  getOwner(): Promise<string | null>;
  setOwner(owner: string): Promise<void>;
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

export interface QueueOptions {
  /** Runs `drain` so that only one tab at a time sends (Web Locks in the browser). */
  exclusive?: (drain: () => Promise<void>) => Promise<void>;
  /** Told after this queue changed the store, so other tabs can re-read it. */
  onStoreChanged?: () => void;
}

export class ReviewQueue {
  private flushing: Promise<void> | null = null;
  private requested = false;
  private lastError: string | null = null;
  private readonly listeners = new Set<() => void>();
  private snapshotCache: QueueSnapshot | null = null;
  private owner: string | null = null;
  private ownerSet = false;
  /** A mirror of the store, so counts can be read synchronously (for the header). */
  private items: QueuedReview[] = [];
  private rejectedCount = 0;
  readonly ready: Promise<void>;

  constructor(
    private readonly store: QueueStore,
    private readonly send: (body: ReviewBody) => Promise<{ outcome: SendOutcome; error?: string }>,
    private readonly options: QueueOptions = {},
  ) {
    this.ready = (async () => {
      // Reviews made before the server says who is signed in belong to the last known user.
      const owner = await store.getOwner();
      if (!this.ownerSet) this.owner = owner;
      await this.reload();
    })();
  }

  /** Reviews waiting, of whoever is signed in now. */
  pending(): QueuedReview[] {
    return this.items.filter((item) => item.owner === this.owner);
  }

  /** Who is signed in (null: not known yet, or nobody); only their reviews are sent. */
  setOwner(owner: string | null): void {
    this.ownerSet = true;
    if (owner === this.owner) return;
    this.owner = owner;
    this.changed();
    if (owner) {
      void this.store.setOwner(owner);
      void this.flush();
    }
  }

  async rejected(): Promise<QueuedReview[]> {
    return this.store.rejected();
  }

  /** Re-reads the store (another tab added or delivered reviews). */
  async reload(): Promise<void> {
    this.items = await this.store.pending();
    this.rejectedCount = (await this.store.rejected()).length;
    this.changed();
  }

  /** Stores the review (durably, before anything is sent), then tries to deliver what waits. */
  async add(body: ReviewBody): Promise<void> {
    await this.ready;
    await this.store.add({
      body,
      owner: this.owner ?? "local",
      queuedAt: new Date().toISOString(),
      attempts: 0,
    });
    await this.reload();
    this.options.onStoreChanged?.();
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
          await this.ready;
          while (this.requested) {
            this.requested = false;
            const drain = () => this.drain();
            await (this.options.exclusive ? this.options.exclusive(drain) : drain());
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
      rejected: this.rejectedCount,
      flushing: this.flushing !== null,
      lastError: this.lastError,
    };
    return this.snapshotCache;
  }

  private async drain(): Promise<void> {
    if (!this.owner) return;
    for (;;) {
      // Re-read each time: another tab may have delivered or added reviews meanwhile.
      await this.reload();
      const head = this.pending()[0];
      if (!head) return;
      let result: { outcome: SendOutcome; error?: string };
      try {
        result = await this.send(head.body);
      } catch (error) {
        result = { outcome: "retry", error: String((error as Error)?.message ?? error) };
      }
      if (result.outcome === "retry") {
        await this.store.update({ ...head, attempts: head.attempts + 1 });
        this.lastError = result.error ?? "the server did not answer";
        await this.reload();
        return;
      }
      this.lastError = result.outcome === "rejected" ? (result.error ?? "rejected") : null;
      if (result.outcome === "rejected") await this.store.reject(head);
      else await this.store.remove(head.body.idempotencyKey);
      await this.reload();
      this.options.onStoreChanged?.();
    }
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

import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { ReviewBody } from "../../api/types.ts";
import { idbQueueStore, LEGACY_KEY, openQueueDb } from "./idb-store.ts";
import { outcomeOf, type QueueStore, ReviewQueue, type SendOutcome } from "./review-queue.ts";

/** Each test gets its own IndexedDB database (fake-indexeddb: the real IDB API, in memory). */
let dbCount = 0;
function freshStore(legacy?: Pick<Storage, "getItem" | "removeItem">): {
  store: QueueStore;
  reopen: (legacyAgain?: Pick<Storage, "getItem" | "removeItem">) => QueueStore;
} {
  const name = `queue-test-${++dbCount}`;
  return {
    store: idbQueueStore(() => openQueueDb(name), legacy),
    reopen: (legacyAgain) => idbQueueStore(() => openQueueDb(name), legacyAgain),
  };
}

class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const review = (n: number): ReviewBody => ({
  cardId: `card-${n}`,
  rating: 3,
  idempotencyKey: `00000000-0000-4000-8000-00000000000${n}`,
  durationMs: 1000,
});

/** A fake server: answers with whatever `mode` says, and remembers what it accepted. */
function fakeServer() {
  const accepted = new Map<string, ReviewBody>();
  const server = {
    mode: "up" as "up" | "down" | "reject",
    sent: [] as string[],
    accepted,
    /** Counts every delivery, duplicates included: exactly-once means this equals `accepted`. */
    deliveries: 0,
    send: async (body: ReviewBody): Promise<{ outcome: SendOutcome; error?: string }> => {
      server.sent.push(body.idempotencyKey);
      if (server.mode === "down") return { outcome: "retry", error: "offline" };
      if (server.mode === "reject") return { outcome: "rejected", error: "bad" };
      server.deliveries++;
      accepted.set(body.idempotencyKey, body);
      return { outcome: "delivered" };
    },
  };
  return server;
}

describe("ReviewQueue over IndexedDB", () => {
  it("stores reviews while the server is down and delivers each once when it returns", async () => {
    const { store, reopen } = freshStore();
    const server = fakeServer();
    const queue = new ReviewQueue(store, server.send);
    queue.setOwner("local");
    server.mode = "down";
    await queue.add(review(1));
    await queue.add(review(2));
    expect(queue.pending().map((i) => i.body.cardId)).toEqual(["card-1", "card-2"]);
    expect(server.accepted.size).toBe(0);

    // A reload: a new queue over the same database still has both, in order.
    const reloaded = new ReviewQueue(reopen(), server.send);
    await reloaded.ready;
    expect(reloaded.pending().map((i) => i.body.cardId)).toEqual(["card-1", "card-2"]);
    server.mode = "up";
    await reloaded.flush();
    expect(reloaded.pending()).toHaveLength(0);
    expect([...server.accepted.keys()]).toEqual([
      review(1).idempotencyKey,
      review(2).idempotencyKey,
    ]);
    expect(server.deliveries).toBe(2);
  });

  it("keeps one entry per idempotency key", async () => {
    const server = fakeServer();
    server.mode = "down";
    const queue = new ReviewQueue(freshStore().store, server.send);
    queue.setOwner("local");
    await queue.add(review(1));
    await queue.add(review(1));
    expect(queue.pending()).toHaveLength(1);
  });

  it("sets a rejected review aside so it cannot block the rest", async () => {
    const server = fakeServer();
    const queue = new ReviewQueue(freshStore().store, server.send);
    queue.setOwner("local");
    server.mode = "reject";
    await queue.add(review(1));
    expect(queue.pending()).toHaveLength(0);
    expect(await queue.rejected()).toHaveLength(1);
    expect(queue.snapshot().rejected).toBe(1);
    server.mode = "up";
    await queue.add(review(2));
    expect(server.accepted.has(review(2).idempotencyKey)).toBe(true);
  });

  it("never sends one user's reviews while another is signed in", async () => {
    const server = fakeServer();
    server.mode = "down";
    const queue = new ReviewQueue(freshStore().store, server.send);
    queue.setOwner("alice");
    await queue.add(review(1));
    server.mode = "up";
    queue.setOwner("bob");
    await queue.flush();
    expect(server.accepted.size).toBe(0);
    queue.setOwner("alice");
    await queue.flush();
    expect(server.accepted.size).toBe(1);
  });

  it("two tabs over one database deliver each review once", async () => {
    const { store, reopen } = freshStore();
    const server = fakeServer();
    server.mode = "down";
    // One lock for both "tabs", as navigator.locks gives the browser's tabs.
    let lock = Promise.resolve();
    const exclusive = (drain: () => Promise<void>) => {
      const run = lock.then(drain);
      lock = run.catch(() => {});
      return run;
    };
    const a = new ReviewQueue(store, server.send, { exclusive });
    const b = new ReviewQueue(reopen(), server.send, { exclusive });
    a.setOwner("local");
    b.setOwner("local");
    await a.add(review(1));
    await b.add(review(2));
    await a.add(review(3));
    server.mode = "up";
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    expect(server.deliveries).toBe(3);
    expect(server.accepted.size).toBe(3);
    await b.reload();
    expect(a.pending()).toHaveLength(0);
    expect(b.pending()).toHaveLength(0);
  });

  it("moves a localStorage queue into IndexedDB once, keeping its owner", async () => {
    const legacy = new MemoryStorage();
    const item = (n: number) => ({
      body: review(n),
      owner: "alice",
      queuedAt: `2026-01-01T00:00:0${n}.000Z`,
      attempts: 1,
    });
    legacy.setItem(LEGACY_KEY, JSON.stringify([item(1), item(2)]));
    legacy.setItem(`${LEGACY_KEY}.owner`, "alice");
    const { store, reopen } = freshStore(legacy);
    const server = fakeServer();
    server.mode = "down";
    const queue = new ReviewQueue(store, server.send);
    await queue.ready;
    expect(queue.pending().map((i) => i.body.cardId)).toEqual(["card-1", "card-2"]);
    expect(legacy.getItem(LEGACY_KEY)).toBeNull();

    // An interrupted migration runs again (localStorage not yet cleared): nothing doubles.
    legacy.setItem(LEGACY_KEY, JSON.stringify([item(1)]));
    const second = new ReviewQueue(reopen(legacy), server.send);
    await second.ready;
    expect(legacy.getItem(LEGACY_KEY)).toBeNull();
    expect(second.pending()).toHaveLength(2);
    server.mode = "up";
    await second.flush();
    expect(server.deliveries).toBe(2);
  });

  it("maps HTTP statuses to what the queue does next", () => {
    expect(outcomeOf(200)).toBe("delivered");
    expect(outcomeOf(503)).toBe("retry");
    expect(outcomeOf(429)).toBe("retry");
    expect(outcomeOf(401)).toBe("retry");
    expect(outcomeOf(400)).toBe("rejected");
    expect(outcomeOf(404)).toBe("rejected");
  });
});

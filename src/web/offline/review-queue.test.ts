import { describe, expect, it } from "vitest";
import type { ReviewBody } from "../../api/types.ts";
import { outcomeOf, type QueueStorage, ReviewQueue, type SendOutcome } from "./review-queue.ts";

class MemoryStorage implements QueueStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
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
    send: async (body: ReviewBody): Promise<{ outcome: SendOutcome; error?: string }> => {
      server.sent.push(body.idempotencyKey);
      if (server.mode === "down") return { outcome: "retry", error: "offline" };
      if (server.mode === "reject") return { outcome: "rejected", error: "bad" };
      accepted.set(body.idempotencyKey, body);
      return { outcome: "delivered" };
    },
  };
  return server;
}

describe("ReviewQueue", () => {
  it("stores reviews while the server is down and delivers each once when it returns", async () => {
    const storage = new MemoryStorage();
    const server = fakeServer();
    const queue = new ReviewQueue(storage, server.send);
    queue.setOwner("local");
    server.mode = "down";
    await queue.add(review(1));
    await queue.add(review(2));
    expect(queue.pending().map((i) => i.body.cardId)).toEqual(["card-1", "card-2"]);
    expect(server.accepted.size).toBe(0);

    // A reload: a new queue over the same storage still has both.
    const reloaded = new ReviewQueue(storage, server.send);
    expect(reloaded.pending()).toHaveLength(2);
    server.mode = "up";
    await reloaded.flush();
    expect(reloaded.pending()).toHaveLength(0);
    expect([...server.accepted.keys()]).toEqual([
      review(1).idempotencyKey,
      review(2).idempotencyKey,
    ]);
  });

  it("keeps one entry per idempotency key", async () => {
    const server = fakeServer();
    server.mode = "down";
    const queue = new ReviewQueue(new MemoryStorage(), server.send);
    queue.setOwner("local");
    await queue.add(review(1));
    await queue.add(review(1));
    expect(queue.pending()).toHaveLength(1);
  });

  it("sets a rejected review aside so it cannot block the rest", async () => {
    const server = fakeServer();
    const queue = new ReviewQueue(new MemoryStorage(), server.send);
    queue.setOwner("local");
    server.mode = "reject";
    await queue.add(review(1));
    expect(queue.pending()).toHaveLength(0);
    expect(queue.rejected()).toHaveLength(1);
    server.mode = "up";
    await queue.add(review(2));
    expect(server.accepted.has(review(2).idempotencyKey)).toBe(true);
  });

  it("never sends one user's reviews while another is signed in", async () => {
    const storage = new MemoryStorage();
    const server = fakeServer();
    server.mode = "down";
    const queue = new ReviewQueue(storage, server.send);
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

  it("maps HTTP statuses to what the queue does next", () => {
    expect(outcomeOf(200)).toBe("delivered");
    expect(outcomeOf(503)).toBe("retry");
    expect(outcomeOf(429)).toBe("retry");
    expect(outcomeOf(401)).toBe("retry");
    expect(outcomeOf(400)).toBe("rejected");
    expect(outcomeOf(404)).toBe("rejected");
  });
});

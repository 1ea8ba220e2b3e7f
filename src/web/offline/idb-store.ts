import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { QueuedReview, QueueStore } from "./review-queue.ts";

/**
 * The review queue in IndexedDB: it survives reloads and closed tabs like localStorage did,
 * but it is transactional, shared safely by tabs, and not limited to a few megabytes.
 */

interface QueueDb extends DBSchema {
  pending: { key: string; value: QueuedReview };
  rejected: { key: string; value: QueuedReview };
  meta: { key: string; value: string };
}

export const QUEUE_DB = "pyprep-review-queue";
/** Where the queue lived before IndexedDB; read once, then removed. */
export const LEGACY_KEY = "pyprep.reviewQueue";
const KEEP_REJECTED = 50;

type Db = IDBPDatabase<QueueDb>;

function byQueuedAt(a: QueuedReview, b: QueuedReview): number {
  return a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0;
}

function readLegacy(storage: Pick<Storage, "getItem">, key: string): QueuedReview[] {
  try {
    const parsed = JSON.parse(storage.getItem(key) ?? "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as QueuedReview[]) : [];
  } catch {
    return [];
  }
}

/**
 * Moves a localStorage queue into IndexedDB. The copy commits before localStorage is
 * cleared, and keys are idempotency keys, so a tab closed half-way copies again next time
 * without doubling anything: each review is still sent exactly once.
 */
export async function migrateLegacyQueue(
  db: Db,
  storage: Pick<Storage, "getItem" | "removeItem">,
): Promise<number> {
  const pending = readLegacy(storage, LEGACY_KEY);
  const rejected = readLegacy(storage, `${LEGACY_KEY}.rejected`);
  const owner = storage.getItem(`${LEGACY_KEY}.owner`);
  if (pending.length === 0 && rejected.length === 0 && owner === null) return 0;
  const tx = db.transaction(["pending", "rejected", "meta"], "readwrite");
  for (const item of pending) {
    if (item?.body?.idempotencyKey)
      await tx.objectStore("pending").put(item, item.body.idempotencyKey);
  }
  for (const item of rejected.slice(-KEEP_REJECTED)) {
    if (item?.body?.idempotencyKey)
      await tx.objectStore("rejected").put(item, item.body.idempotencyKey);
  }
  if (owner !== null && (await tx.objectStore("meta").get("owner")) === undefined) {
    await tx.objectStore("meta").put(owner, "owner");
  }
  await tx.done;
  storage.removeItem(LEGACY_KEY);
  storage.removeItem(`${LEGACY_KEY}.rejected`);
  storage.removeItem(`${LEGACY_KEY}.owner`);
  return pending.length;
}

export async function openQueueDb(name = QUEUE_DB): Promise<Db> {
  return openDB<QueueDb>(name, 1, {
    upgrade(db) {
      db.createObjectStore("pending");
      db.createObjectStore("rejected");
      db.createObjectStore("meta");
    },
  });
}

/** A QueueStore over an open database; `legacy` (localStorage) is migrated on first use. */
export function idbQueueStore(
  open: () => Promise<Db> = () => openQueueDb(),
  legacy?: Pick<Storage, "getItem" | "removeItem">,
): QueueStore {
  let db: Promise<Db> | null = null;
  const get = () => {
    db ??= open().then(async (opened) => {
      if (legacy) await migrateLegacyQueue(opened, legacy);
      return opened;
    });
    return db;
  };
  return {
    async pending() {
      return (await (await get()).getAll("pending")).sort(byQueuedAt);
    },
    async add(item) {
      const tx = (await get()).transaction("pending", "readwrite");
      const key = item.body.idempotencyKey;
      if ((await tx.store.getKey(key)) === undefined) await tx.store.put(item, key);
      await tx.done;
    },
    async update(item) {
      const tx = (await get()).transaction("pending", "readwrite");
      const key = item.body.idempotencyKey;
      // Only while it still waits: another tab may have delivered it meanwhile.
      if ((await tx.store.getKey(key)) !== undefined) await tx.store.put(item, key);
      await tx.done;
    },
    async remove(key) {
      await (await get()).delete("pending", key);
    },
    async reject(item) {
      const tx = (await get()).transaction(["pending", "rejected"], "readwrite");
      const key = item.body.idempotencyKey;
      await tx.objectStore("pending").delete(key);
      const rejected = tx.objectStore("rejected");
      await rejected.put(item, key);
      const all = (await rejected.getAll()).sort(byQueuedAt);
      for (const old of all.slice(0, Math.max(0, all.length - KEEP_REJECTED))) {
        await rejected.delete(old.body.idempotencyKey);
      }
      await tx.done;
    },
    async rejected() {
      return (await (await get()).getAll("rejected")).sort(byQueuedAt);
    },
    async getOwner() {
      return (await (await get()).get("meta", "owner")) ?? null;
    },
    async setOwner(owner) {
      await (await get()).put("meta", owner, "owner");
    },
  };
}

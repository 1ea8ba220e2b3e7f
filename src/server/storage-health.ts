import { statfsSync } from "node:fs";
import path from "node:path";
import type { StorageFailure } from "./http/storage-errors.ts";
import { type ServerDatabase, serverTables } from "./server-db.ts";

/** Below this much free space next to the SQLite file, the server says it is not ready. */
export const MIN_FREE_BYTES = 1024 * 1024;

/**
 * Whether the database can take writes, for `/readyz`. A write that failed because the
 * disk is full or the file read-only marks the store unwritable; the probe then tries a
 * tiny write of its own each time it is asked, and clears the mark once one lands, so
 * the server recovers without a restart. For SQLite the free space beside the file is
 * checked as well, so a full disk is noticed before a user's review hits it.
 */
export interface StorageHealth {
  noteFailure(failure: StorageFailure): void;
  /** Why writes would fail now, or null when they should work. */
  writeProblem(): Promise<string | null>;
}

export function storageHealth(options: {
  database: ServerDatabase;
  /** The SQLite file; undefined for PostgreSQL. */
  sqlitePath: string | undefined;
  now: () => Date;
}): StorageHealth {
  let failing: StorageFailure | null = null;
  const dir = options.sqlitePath ? path.dirname(options.sqlitePath) : undefined;

  const probeWrite = async () => {
    const now = options.now().getTime();
    await serverTables(options.database)
      .insertInto("rate_limits")
      .values({ key: "probe:readyz", window_start: now, count: 0 })
      .onConflict((oc) => oc.column("key").doUpdateSet({ window_start: now }))
      .execute();
  };

  return {
    noteFailure(failure) {
      if (failure.kind === "full" || failure.kind === "read-only") failing = failure;
    },
    async writeProblem() {
      if (dir) {
        const free = freeBytes(dir);
        if (free !== null && free < MIN_FREE_BYTES) {
          return `the disk holding ${dir} is full (${Math.floor(free / 1024)} KB free)`;
        }
      }
      const current = failing;
      if (!current) return null;
      try {
        await probeWrite();
        failing = null;
        return null;
      } catch {
        return current.message;
      }
    },
  };
}

function freeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { groupCommit } from "../../src/store/transaction.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database() {
  const dir = mkdtempSync(join(tmpdir(), "pyprep-group-"));
  dirs.push(dir);
  const path = join(dir, "g.sqlite");
  const db = new BetterSqlite3(path);
  db.pragma("journal_mode = WAL");
  db.exec("create table t (k text primary key)");
  return { db, path };
}

describe("groupCommit", () => {
  it("commits the work of one turn together, a failing one rolled back alone", async () => {
    const { db, path } = database();
    const commit = groupCommit(db);
    const insert = (k: string) => () => db.prepare("insert into t (k) values (?)").run(k).changes;
    const results = await Promise.allSettled([
      commit(insert("a")),
      commit(() => {
        insert("b")();
        throw new Error("refused");
      }),
      commit(insert("c")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("refused");
    db.close();
    // Another connection sees exactly what was acknowledged.
    const other = new BetterSqlite3(path, { readonly: true });
    expect(other.prepare("select k from t order by k").pluck().all()).toEqual(["a", "c"]);
    other.close();
  });

  it("rejects every caller when the shared transaction cannot commit", async () => {
    const { db } = database();
    const commit = groupCommit(db);
    const results = await Promise.allSettled([
      commit(() => db.prepare("insert into t (k) values ('x')").run()),
      commit(() => {
        // Ends the shared transaction under the batch's feet, as a full disk would.
        db.exec("rollback");
        throw new Error("disk full");
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(db.prepare("select count(*) from t").pluck().get()).toBe(0);
    db.close();
  });

  it("runs a lone call in its own transaction and gives back its value", async () => {
    const { db } = database();
    const commit = groupCommit(db);
    expect(await commit(() => db.prepare("insert into t (k) values ('solo')").run().changes)).toBe(
      1,
    );
    await expect(
      commit(() => {
        db.prepare("insert into t (k) values ('gone')").run();
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(db.prepare("select k from t").pluck().all()).toEqual(["solo"]);
    db.close();
  });
});

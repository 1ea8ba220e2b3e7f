import { describe, expect, it } from "vitest";
import { schedule } from "../study/scheduler.ts";
import {
  cardStateFromJson,
  cardStateFromRow,
  cardStateRow,
  cardStateToJson,
  toNumber,
} from "./codec.ts";
import { WriteConflictError } from "./errors.ts";
import { retryKind } from "./transaction.ts";

const state = schedule("q/drill-1", undefined, "easy", new Date("2025-01-01T10:00:00.123Z"), {
  desiredRetention: 0.9,
}).state;

describe("codec", () => {
  it("reads int8 as node-postgres returns it (a string) and as SQLite does (a number)", () => {
    const row = cardStateRow("u", state, 3);
    const asPostgres = {
      ...row,
      due: String(row.due),
      last_review: String(row.last_review),
      introduced_at: String(row.introduced_at),
    };
    expect(cardStateFromRow(row)).toEqual(state);
    expect(cardStateFromRow(asPostgres)).toEqual(state);
  });

  it("round-trips a card state through JSON text without losing a millisecond or a bit", () => {
    const back = cardStateFromJson(JSON.parse(JSON.stringify(cardStateToJson(state))));
    expect(back).toEqual(state);
    expect(back.stability).toBe(state.stability);
  });

  it("refuses integers JavaScript cannot hold exactly", () => {
    expect(toNumber("1735725600123")).toBe(1735725600123);
    expect(() => toNumber("9007199254740993")).toThrow(/out of range/);
  });
});

describe("retryKind", () => {
  it("retries lost races only", () => {
    expect(retryKind(new WriteConflictError("card q"))).toBe("conflict");
    expect(retryKind({ code: "23505" })).toBe("conflict");
    expect(retryKind({ code: "40001" })).toBe("conflict");
    expect(retryKind({ code: "SQLITE_BUSY_SNAPSHOT" })).toBe("busy");
    expect(retryKind({ code: "SQLITE_CONSTRAINT_NOTNULL" })).toBeNull();
    expect(retryKind({ code: "42P01" })).toBeNull();
    expect(retryKind(new Error("boom"))).toBeNull();
  });
});

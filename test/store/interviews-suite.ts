import { afterEach, expect, it } from "vitest";
import { StoreInputError, UnknownUserError } from "../../src/store/errors.ts";
import { InterviewClosedError } from "../../src/store/interviews.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import type { Target, TargetFactory } from "./targets.ts";

const T0 = new Date("2026-03-02T08:00:00.000Z");
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

/** Interviews in the store: create, read, list order, update with history, close, validation, isolation. */
export function interviewsSuite(factory: TargetFactory): void {
  const opened: { store: Store; target: Target }[] = [];
  afterEach(async () => {
    for (const { store, target } of opened.splice(0)) {
      await store.close();
      await target.dispose();
    }
  });
  const fresh = async () => {
    const target = await factory.create();
    const store = await openStore(target.options);
    opened.push({ store, target });
    await store.ensureUser("alice");
    await store.ensureUser("bob");
    return { store, target };
  };

  it("creates an interview with defaults and reads it back exactly", async () => {
    const { store, target } = await fresh();
    const created = await store.interviews.create(
      "alice",
      "i1",
      { date: "2026-03-16", minutesPerDay: 30, levels: ["fresher"] },
      T0,
    );
    expect(created).toMatchObject({
      status: "open",
      topics: [],
      timeZone: null,
      minutesByWeekday: null,
    });
    expect(await store.interviews.get("alice", "i1")).toEqual(created);
    const rows = await target.query("SELECT date, minutes_per_day, version FROM interviews");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ date: "2026-03-16" });
    expect(Number(rows[0]?.version)).toBe(1);
  });

  it("updates keep every earlier value in the history, and a no-op writes nothing", async () => {
    const { store, target } = await fresh();
    await store.interviews.create("alice", "i1", { date: "2026-03-16", minutesPerDay: 30 }, T0);
    const moved = await store.interviews.update(
      "alice",
      "i1",
      {
        date: "2026-03-20",
        minutesByWeekday: [0, 30, 30, 30, 30, 30, 60],
        timeZone: "Europe/Berlin",
      },
      later(1),
    );
    expect(moved?.date).toBe("2026-03-20");
    expect(moved?.history.map((e) => e.change)).toEqual(["created", "updated"]);
    expect(moved?.history[1]?.before).toEqual({
      date: "2026-03-16",
      minutesByWeekday: null,
      timeZone: null,
    });
    expect(await store.interviews.get("alice", "i1")).toEqual(moved);
    const same = await store.interviews.update("alice", "i1", { date: "2026-03-20" }, later(2));
    expect(same?.history).toHaveLength(2);
    const [row] = await target.query("SELECT version FROM interviews");
    expect(Number(row?.version)).toBe(2);
  });

  it("closes with an outcome; a closed interview cannot change", async () => {
    const { store } = await fresh();
    await store.interviews.create("alice", "i1", { date: "2026-03-16", minutesPerDay: 30 }, T0);
    const closed = await store.interviews.close(
      "alice",
      "i1",
      { outcome: "offer", notes: "went well" },
      later(3),
    );
    expect(closed).toMatchObject({ status: "closed", outcome: "offer", notes: "went well" });
    expect(closed?.closedAt?.toISOString()).toBe(later(3).toISOString());
    await expect(
      store.interviews.update("alice", "i1", { minutesPerDay: 40 }, later(4)),
    ).rejects.toThrow(InterviewClosedError);
    await expect(
      store.interviews.close("alice", "i1", { outcome: "offer" }, later(4)),
    ).rejects.toThrow(InterviewClosedError);
  });

  it("lists open interviews nearest first, then closed ones", async () => {
    const { store } = await fresh();
    await store.interviews.create("alice", "far", { date: "2026-05-01", minutesPerDay: 30 }, T0);
    await store.interviews.create("alice", "near", { date: "2026-03-10", minutesPerDay: 30 }, T0);
    await store.interviews.create("alice", "past", { date: "2026-02-01", minutesPerDay: 30 }, T0);
    await store.interviews.close("alice", "past", { outcome: "rejected" }, T0);
    expect((await store.interviews.list("alice")).map((i) => i.id)).toEqual([
      "near",
      "far",
      "past",
    ]);
    expect((await store.interviews.list("alice", { status: "open" })).map((i) => i.id)).toEqual([
      "near",
      "far",
    ]);
  });

  it("names the bad field", async () => {
    const { store } = await fresh();
    const bad = async (input: Record<string, unknown>, field: string) => {
      const attempt = store.interviews.create(
        "alice",
        "x",
        { date: "2026-03-16", minutesPerDay: 30, ...input },
        T0,
      );
      await expect(attempt).rejects.toThrow(StoreInputError);
      await expect(attempt).rejects.toMatchObject({ field });
    };
    await bad({ date: "2026-02-30" }, "date");
    await bad({ date: "16/03/2026" }, "date");
    await bad({ minutesPerDay: 0 }, "minutesPerDay");
    await bad({ minutesPerDay: 12.5 }, "minutesPerDay");
    await bad({ minutesByWeekday: [30, 30] }, "minutesByWeekday");
    await bad({ minutesByWeekday: [0, 0, 0, 0, 0, 0, 0] }, "minutesByWeekday");
    await bad({ timeZone: "Mars/Olympus" }, "timeZone");
    await bad({ levels: ["guru"] }, "levels");
    await expect(
      store.interviews.close("alice", "x", { outcome: "great" as "offer" }, T0),
    ).rejects.toMatchObject({
      field: "outcome",
    });
    await expect(
      store.interviews.create("nobody", "x", { date: "2026-03-16", minutesPerDay: 30 }, T0),
    ).rejects.toThrow(UnknownUserError);
  });

  it("keeps users apart: the same id for two users, and no reach into another's", async () => {
    const { store } = await fresh();
    await store.interviews.create("alice", "i1", { date: "2026-03-16", minutesPerDay: 30 }, T0);
    await store.interviews.create("bob", "i1", { date: "2026-04-01", minutesPerDay: 45 }, T0);
    expect((await store.interviews.get("alice", "i1"))?.date).toBe("2026-03-16");
    expect((await store.interviews.get("bob", "i1"))?.date).toBe("2026-04-01");
    await store.interviews.update("bob", "i1", { date: "2026-04-02" }, later(1));
    await store.interviews.close("bob", "i1", { outcome: "withdrew" }, later(2));
    expect(await store.interviews.get("alice", "i1")).toMatchObject({
      status: "open",
      date: "2026-03-16",
    });
    expect(
      await store.interviews.update("alice", "nope", { date: "2026-04-02" }, later(1)),
    ).toBeUndefined();
    expect(await store.interviews.list("carol")).toEqual([]);
  });

  it("two updates at once both land: the compare-and-swap retries the loser", async () => {
    const { store } = await fresh();
    await store.interviews.create("alice", "i1", { date: "2026-03-16", minutesPerDay: 30 }, T0);
    await Promise.all([
      store.interviews.update("alice", "i1", { minutesPerDay: 45 }, later(1)),
      store.interviews.update("alice", "i1", { date: "2026-03-18" }, later(1)),
    ]);
    const after = await store.interviews.get("alice", "i1");
    expect(after).toMatchObject({ minutesPerDay: 45, date: "2026-03-18" });
    expect(after?.history).toHaveLength(3);
  });
}

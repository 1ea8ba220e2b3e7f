import { describe, expect, it } from "vitest";
import { buildPlan, zoneOffsetMinutes } from "../../src/study/plan/index.ts";

describe("zoneOffsetMinutes", () => {
  it("follows daylight saving from the platform's zone data", () => {
    expect(zoneOffsetMinutes("Europe/Berlin", new Date("2026-01-15T12:00:00Z"))).toBe(60);
    expect(zoneOffsetMinutes("Europe/Berlin", new Date("2026-07-15T12:00:00Z"))).toBe(120);
    expect(zoneOffsetMinutes("Asia/Kolkata", new Date("2026-07-15T12:00:00Z"))).toBe(330);
    expect(zoneOffsetMinutes("America/New_York", new Date("2026-01-15T12:00:00Z"))).toBe(-300);
    expect(zoneOffsetMinutes("UTC", new Date("2026-01-15T12:00:00Z"))).toBe(0);
    expect(zoneOffsetMinutes("Mars/Olympus", new Date())).toBeNull();
  });

  it("decides which day is today for the plan", () => {
    // 23:30 UTC on 1 March is already 2 March in Berlin.
    const common = {
      cards: [],
      states: [],
      now: new Date("2026-03-01T23:30:00Z"),
      interviewDate: "2026-03-10",
      scope: { levels: [], topics: [] },
      budget: { minutesPerDay: 30 },
      desiredRetention: 0.9,
    };
    expect(buildPlan({ ...common, offsetMinutes: 0 }).today).toBe("2026-03-01");
    expect(buildPlan({ ...common, offsetMinutes: 60 }).today).toBe("2026-03-02");
    expect(buildPlan({ ...common, offsetMinutes: 60 }).daysLeft).toBe(8);
  });
});

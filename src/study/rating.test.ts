import { describe, expect, it } from "vitest";
import { defaultRating, FAST_THRESHOLD_MS } from "./rating.ts";

describe("defaultRating", () => {
  it("rates a wrong answer Again however fast it came", () => {
    expect(defaultRating({ kind: "drill", correct: false, durationMs: 1 })).toBe("again");
    expect(defaultRating({ kind: "exercise", correct: false, durationMs: 10 ** 7 })).toBe("again");
  });

  it("rates a right answer Easy when fast and Good otherwise, per card kind", () => {
    const drillFast = FAST_THRESHOLD_MS.drill;
    expect(defaultRating({ kind: "drill", correct: true, durationMs: drillFast })).toBe("easy");
    expect(defaultRating({ kind: "drill", correct: true, durationMs: drillFast + 1 })).toBe("good");
    // 60 s is slow for reading a snippet but fast for writing a function.
    expect(defaultRating({ kind: "drill", correct: true, durationMs: 60_000 })).toBe("good");
    expect(defaultRating({ kind: "exercise", correct: true, durationMs: 60_000 })).toBe("easy");
  });

  it("accepts other thresholds", () => {
    const thresholds = { drill: 1000, exercise: 1000 };
    expect(defaultRating({ kind: "drill", correct: true, durationMs: 5000 }, thresholds)).toBe(
      "good",
    );
  });
});

import { describe, expect, it } from "vitest";
import { gradeExercise } from "./exercise.ts";

const pass = (name: string) => ({ name, passed: true, message: null });
const fail = (name: string, message: string) => ({ name, passed: false, message });

describe("gradeExercise", () => {
  it("is correct when every test passes", () => {
    expect(gradeExercise([pass("a"), pass("b")])).toEqual({
      correct: true,
      passed: 2,
      total: 2,
      failures: [],
      summary: "2/2 tests passed",
    });
  });

  it("lists each failure with its message", () => {
    const grade = gradeExercise([pass("a"), fail("b", "assert 3 == 4"), pass("c")]);
    expect(grade.correct).toBe(false);
    expect(grade.summary).toBe("2/3 tests passed");
    expect(grade.failures).toEqual([{ name: "b", message: "assert 3 == 4" }]);
  });

  it("is not correct when no test ran", () => {
    expect(gradeExercise([])).toMatchObject({ correct: false, total: 0, summary: "no tests ran" });
  });

  it("counts nothing when the run itself failed", () => {
    const grade = gradeExercise([pass("a")], "time limit: stopped after 5 s");
    expect(grade).toMatchObject({ correct: false, passed: 0 });
    expect(grade.summary).toContain("time limit");
  });
});

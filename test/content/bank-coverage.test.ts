import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/content/problem.ts";
import { loadBank } from "../../src/content/read-bank.ts";
import type { Level } from "../../src/content/schema.ts";

// The bundled bank, as `pyprep check` and the server load it.
const { bank, problems } = await loadBank();

/** What each level issue requires: every syllabus id covered, and a minimum size. */
const REQUIRED: Record<Level, { minimum: number; ids: string[] }> = {
  fresher: {
    minimum: 45,
    ids: Array.from({ length: 35 }, (_, i) => `F${String(i + 1).padStart(2, "0")}`),
  },
  intermediate: {
    minimum: 45,
    ids: Array.from({ length: 35 }, (_, i) => `I${String(i + 1).padStart(2, "0")}`),
  },
  expert: {
    minimum: 30,
    ids: Array.from({ length: 24 }, (_, i) => `E${String(i + 1).padStart(2, "0")}`),
  },
};

describe("the bundled bank", () => {
  it("parses without a single problem", () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  for (const [level, need] of Object.entries(REQUIRED) as Array<
    [Level, (typeof REQUIRED)[Level]]
  >) {
    describe(`the ${level} level`, () => {
      const questions = bank.byLevel.get(level) ?? [];

      it(`covers every syllabus id (${need.ids[0]}-${need.ids.at(-1)})`, () => {
        const covered = new Set(questions.map((q) => q.covers));
        expect(need.ids.filter((id) => !covered.has(id))).toEqual([]);
      });

      it(`holds at least ${need.minimum} questions`, () => {
        expect(questions.length).toBeGreaterThanOrEqual(need.minimum);
      });

      it("has extra questions beyond the syllabus", () => {
        expect(questions.filter((q) => q.covers === "extra").length).toBeGreaterThanOrEqual(
          level === "expert" ? 6 : 10,
        );
      });

      it("gives at least a third of its questions an exercise", () => {
        const withExercise = questions.filter((q) => q.exercises.length > 0).length;
        expect(withExercise * 3).toBeGreaterThanOrEqual(questions.length);
      });

      it("gives every question an auto-graded drill or exercise", () => {
        expect(
          questions.filter((q) => q.drills.length + q.exercises.length === 0).map((q) => q.id),
        ).toEqual([]);
      });
    });
  }

  it("holds at least 160 questions", () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(160);
  });

  it("proves every exercise's tests with at least two known-wrong solutions", () => {
    const weak = bank.questions.flatMap((q) =>
      q.exercises
        .filter((e) => (e.wrong?.length ?? 0) < 2)
        .map((e) => `${q.level}/${q.id}: ${e.title} has ${e.wrong?.length ?? 0}`),
    );
    expect(weak).toEqual([]);
  });

  it("explains every CPython-only block", () => {
    const unexplained = bank.questions.filter(
      (q) =>
        !q.runsOnReason &&
        (q.runsOn === "cpython" ||
          [...q.examples, ...q.drills].some((r) => r.source.options.runsOn === "cpython") ||
          q.exercises.some((e) => e.options.runsOn === "cpython")),
    );
    expect(unexplained.map((q) => q.id)).toEqual([]);
  });
});

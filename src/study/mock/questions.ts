import type { Question } from "../../content/schema.ts";
import type { PlannerQuestion } from "./types.ts";

/** The bank as the planner sees it. An exercise pinned to CPython cannot be graded in a mock. */
export function plannerQuestions(questions: readonly Question[]): PlannerQuestion[] {
  return questions.map((question) => ({
    id: question.id,
    level: question.level,
    topics: question.topics,
    difficulty: question.difficulty,
    minutes: question.minutes,
    title: question.question,
    drillKeys: question.drills.map((drill) => drill.key),
    exerciseKeys: question.exercises
      .filter((exercise) => (exercise.options.runsOn ?? question.runsOn) !== "cpython")
      .map((exercise) => exercise.key),
  }));
}

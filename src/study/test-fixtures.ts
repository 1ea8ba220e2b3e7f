import type { Level, Question } from "../content/schema.ts";
import type { CardState } from "./types.ts";

/** Hand-built questions for unit tests, so the study engine is tested without the real bank. */
export function makeQuestion(
  id: string,
  options: {
    level?: Level;
    topics?: string[];
    difficulty?: 1 | 2 | 3;
    drills?: number;
    exercises?: number;
    question?: string;
  } = {},
): Question {
  const position = { line: 1, column: 1 };
  const block = (code: string) => ({ code, position, options: {} });
  const runnable = (key: string) => ({
    key,
    title: `${id} ${key}`,
    intro: "",
    source: block("print(1)"),
    expectedOutput: "1\n",
    outputPosition: position,
    explanation: "",
  });
  return {
    id,
    covers: "F01",
    level: options.level ?? "fresher",
    topics: options.topics ?? ["basics"],
    minutes: 3,
    difficulty: options.difficulty ?? 1,
    question: options.question ?? `What is ${id}?`,
    context: "",
    answer: "An answer.",
    keyPoints: [
      { text: "one", terms: ["one"], position },
      { text: "two", terms: ["two"], position },
      { text: "three", terms: ["three"], position },
    ],
    examples: [runnable("example-1")],
    drills: Array.from({ length: options.drills ?? 0 }, (_, i) => runnable(`drill-${i + 1}`)),
    exercises: Array.from({ length: options.exercises ?? 0 }, (_, i) => ({
      key: `exercise-${i + 1}`,
      title: `${id} exercise ${i + 1}`,
      prompt: "Write f.",
      starter: block("def f(): ..."),
      solution: block("def f(): return 1"),
      tests: block("assert f() == 1"),
      options: {},
      position,
    })),
    followUps: ["Why?"],
    mistakes: ["None."],
    file: `${options.level ?? "fresher"}/${id}.md`,
  };
}

/** A reviewed card's state with the fields a test cares about. */
export function reviewedState(
  cardId: string,
  fields: Partial<CardState> & { due: Date },
): CardState {
  const lastReview = fields.lastReview ?? new Date(fields.due.getTime() - 86_400_000);
  return {
    cardId,
    status: "review",
    stability: 5,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: 1,
    learningSteps: 0,
    reps: 2,
    lapses: 0,
    lastReview,
    introducedAt: lastReview,
    ...fields,
  };
}

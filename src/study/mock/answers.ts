import type { Question } from "../../content/schema.ts";
import { matchKeyPoints } from "../grading/key-points.ts";
import { diffOutput } from "../grading/output-diff.ts";
import type { Rating } from "../types.ts";
import type { MockAnswer, PlanItem } from "./types.ts";

/** What the candidate sends for one item, before grading. */
export type AnswerSubmission =
  | { kind: "concept"; text: string; rating: Rating | null; durationMs: number }
  | { kind: "drill"; output: string; durationMs: number }
  | { kind: "exercise"; code: string; passed: number; total: number; durationMs: number };

/** The parts of a bank question grading reads. */
export type GradingQuestion = Pick<Question, "keyPoints" | "drills">;

/**
 * Grades a submission the way study does: key points by their terms, a predicted output
 * against the verified one. Exercise results come from the browser's run (the server runs
 * no user code) and are only bounded here. A question gone from the bank grades as nothing
 * touched and nothing correct, so the report still stands.
 */
export function gradeSubmission(
  item: PlanItem,
  submission: AnswerSubmission,
  question: GradingQuestion | undefined,
  answeredAt: Date,
): MockAnswer {
  const base = {
    questionId: item.questionId,
    answeredAt,
    durationMs: Math.max(0, Math.round(submission.durationMs)),
  };
  switch (submission.kind) {
    case "concept": {
      const checklist = matchKeyPoints(submission.text, question?.keyPoints ?? []);
      return {
        ...base,
        kind: "concept",
        text: submission.text,
        rating: submission.rating,
        keyPoints: checklist.items.map((check) => check.matched),
      };
    }
    case "drill": {
      const drill = question?.drills.find((d) => d.key === item.key);
      const correct = drill ? diffOutput(drill.expectedOutput, submission.output).match : false;
      return { ...base, kind: "drill", output: submission.output, correct };
    }
    case "exercise": {
      const total = Math.max(0, Math.floor(submission.total));
      const passed = Math.min(total, Math.max(0, Math.floor(submission.passed)));
      return { ...base, kind: "exercise", code: submission.code, passed, total };
    }
  }
}

import type { Level } from "../../content/schema.ts";
import type { Rating } from "../types.ts";

/** What a mock item asks for: a spoken answer typed out, a predicted output, or code. */
export const MOCK_TASK_KINDS = ["concept", "drill", "exercise"] as const;
export type MockTaskKind = (typeof MOCK_TASK_KINDS)[number];

/** The set-up screen's lengths; any whole number of minutes in range works too. */
export const PRESET_MINUTES = [15, 30, 45, 60] as const;
export const MIN_MOCK_MINUTES = 5;
export const MAX_MOCK_MINUTES = 180;
export const MAX_MOCK_QUESTIONS = 40;
/** Seeds are unsigned 32-bit integers, so a seed can be typed, shared and printed. */
export const MAX_SEED = 0xffff_ffff;
/** A typed answer or a predicted output: a long spoken answer is a few thousand characters. */
export const MAX_ANSWER_CHARS = 20_000;
/** An exercise's code. */
export const MAX_CODE_CHARS = 50_000;
/** Tests an exercise reports; real ones have a handful. */
export const MAX_TESTS = 1_000;

export type MockBudget =
  | { kind: "minutes"; minutes: number }
  | { kind: "questions"; count: number };

export interface MockSetup {
  /** Empty: a mix of every level. */
  levels: Level[];
  /** Empty: every topic. */
  topics: string[];
  budget: MockBudget;
  /** With coding exercises (graded by running the tests in the browser). */
  includeExercises: boolean;
  /** Lean towards the topics the candidate is weakest in. */
  preferWeakTopics: boolean;
  seed: number;
}

/** What the planner knows of a question: bank data only, so a plan depends on nothing else. */
export interface PlannerQuestion {
  id: string;
  level: Level;
  topics: readonly string[];
  difficulty: 1 | 2 | 3;
  /** The question's estimated answer time in a mock (front matter `minutes`). */
  minutes: number;
  /** The question's own text, kept in the plan so a report outlives edits to the bank. */
  title: string;
  drillKeys: readonly string[];
  /** Exercises the browser can grade; a CPython-only exercise cannot be graded in a mock. */
  exerciseKeys: readonly string[];
}

export interface PlanItem {
  questionId: string;
  /** The card this item exercises; a miss puts this card in the review queue. */
  cardId: string;
  kind: MockTaskKind;
  /** `drill-1`, `exercise-2`; absent for a concept item. */
  key?: string;
  level: Level;
  topics: string[];
  difficulty: 1 | 2 | 3;
  /** The soft per-question target. */
  minutes: number;
  title: string;
}

export interface MockPlan {
  seed: number;
  items: PlanItem[];
  /** The items' minutes added up. */
  totalMinutes: number;
  /** The whole interview's limit: the budget in minutes, or the items' minutes for a count. */
  timeLimitMinutes: number;
}

interface AnswerBase {
  questionId: string;
  answeredAt: Date;
  /** Time the candidate spent on this item, over every visit (the client measures it). */
  durationMs: number;
}

/** Answers as stored: graded by the study engine when they arrive. */
export type MockAnswer =
  | (AnswerBase & {
      kind: "concept";
      text: string;
      /** The candidate's self-rating after seeing the key points; null when time ran out first. */
      rating: Rating | null;
      /** One flag per key point: did the typed answer touch it. */
      keyPoints: boolean[];
    })
  | (AnswerBase & { kind: "drill"; output: string; correct: boolean })
  | (AnswerBase & {
      kind: "exercise";
      code: string;
      /** Tests passed and run, as the browser's run reported them (the server runs no code). */
      passed: number;
      total: number;
    });

export const MOCK_ENDINGS = ["candidate", "time", "expired"] as const;
/** Who ended it: the candidate, the clock, or a pause left too long. */
export type MockEnding = (typeof MOCK_ENDINGS)[number];

export interface ItemReport {
  index: number;
  questionId: string;
  cardId: string;
  kind: MockTaskKind;
  key?: string;
  title: string;
  level: Level;
  topics: string[];
  targetMs: number;
  durationMs: number;
  answered: boolean;
  /** 0..1 */
  score: number;
  /** Below the pass mark (or unanswered): the card goes into the review queue. */
  missed: boolean;
  /** Concept items: the key points the answer did not touch, by index and text. */
  missedKeyPoints: { index: number; text: string }[];
  answer: MockAnswer | null;
}

export interface ScoreGroup {
  score: number;
  items: number;
  answered: number;
}

export interface MockReport {
  /** 0..1, the items' scores weighted by their minutes; unanswered items count as 0. */
  score: number;
  answered: number;
  total: number;
  endedBy: MockEnding;
  /** Interview time used, pauses left out, at most the time limit. */
  durationMs: number;
  timeLimitMs: number;
  byTopic: (ScoreGroup & { topic: string })[];
  byLevel: (ScoreGroup & { level: Level })[];
  items: ItemReport[];
  /** The cards of the missed items, put into the review queue due now. */
  reviewCardIds: string[];
}

export const MOCK_STATUSES = ["active", "finished"] as const;
export type MockStatus = (typeof MOCK_STATUSES)[number];

/** One mock interview, in progress or finished, as the store keeps it. */
export interface MockRecord {
  id: string;
  status: MockStatus;
  setup: MockSetup;
  plan: MockPlan;
  startedAt: Date;
  /** Set while paused (local profile only). */
  pausedAt: Date | null;
  /** Paused time before `pausedAt`, added to the deadline. */
  pausedMs: number;
  /** In the order they arrived; at most one per question. */
  answers: MockAnswer[];
  finishedAt: Date | null;
  report: MockReport | null;
}

/**
 * The JSON shapes of docs/api.md: the one contract the server writes and the web app reads.
 * Types and constants only, so the web app takes nothing of the server's code from here.
 */

export type Level = "fresher" | "intermediate" | "expert";
export const LEVELS: readonly Level[] = ["fresher", "intermediate", "expert"];
export type CardKind = "concept" | "drill" | "exercise";
export type QuestionStatus = "new" | "learning" | "due" | "mastered";
export const STATUSES: readonly QuestionStatus[] = ["new", "learning", "due", "mastered"];
export type Theme = "system" | "light" | "dark";

export interface Config {
  mode: "local" | "hosted";
  version: string;
  user: { id: string; email?: string; name?: string } | null;
}

export interface Topic {
  id: string;
  title: string;
  about: string;
  count: number;
}

export interface TopicsAnswer {
  topics: Topic[];
  levels: { id: Level; count: number }[];
}

export interface QuestionSummary {
  id: string;
  level: Level;
  topics: readonly string[];
  covers: string;
  question: string;
  difficulty: 1 | 2 | 3;
  minutes: number;
  status?: QuestionStatus;
  highlights?: string[];
}

export interface Runnable {
  key: string;
  title: string;
  introHtml: string;
  code: string;
  stdin?: string;
  expectedOutput: string;
  explanationHtml: string;
  runsOn: "both" | "cpython";
  runsOnReason?: string;
  requiresPython?: string;
  /** The block's `visualize=open`: open it in the step-through visualizer by default. */
  visualize?: "open";
}

export interface Exercise {
  key: string;
  title: string;
  promptHtml: string;
  starter: string;
  solution: string;
  tests: string;
  runsOn: "both" | "cpython";
  runsOnReason?: string;
}

export interface Question extends QuestionSummary {
  contextHtml: string;
  answerHtml: string;
  keyPoints: { html: string; terms: string[] }[];
  examples: Runnable[];
  drills: Runnable[];
  exercises: Exercise[];
  followUps: string[];
  mistakes: string[];
  cards: { id: string; kind: CardKind; key?: string }[];
}

export interface CardState {
  due: string;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  state: "new" | "learning" | "review" | "relearning";
  lastReview: string | null;
}

export interface SessionCard {
  id: string;
  questionId: string;
  kind: CardKind;
  key?: string;
  level: Level;
  topics: readonly string[];
  question: string;
  /** The card's own title: the question for a concept card, the drill or exercise title. */
  title: string;
  state: CardState | null;
}

export interface LevelCounts {
  due: number;
  new: number;
}

export interface SessionAnswer {
  due: SessionCard[];
  new: SessionCard[];
  counts: { due: number; new: number; byLevel: Partial<Record<Level, LevelCounts>> };
  streak: number;
}

/** A rating on the wire: 1 Again, 2 Hard, 3 Good, 4 Easy (the study engine names them). */
export const RATING_NUMBERS = [1, 2, 3, 4] as const;
export type RatingNumber = (typeof RATING_NUMBERS)[number];
/** The wire rating under its first name; new code says `RatingNumber`. */
export type Rating = RatingNumber;

export interface ReviewGrade {
  kind: "output" | "exercise" | "concept";
  correct?: boolean;
  passed?: number;
  total?: number;
  keyPoints?: boolean[];
}

export interface ReviewBody {
  cardId: string;
  rating: RatingNumber;
  idempotencyKey: string;
  reviewedAt?: string;
  durationMs: number;
  grade?: ReviewGrade;
}

export interface DayCount {
  date: string;
  count: number;
}

export interface Stats {
  reviewsPerDay: DayCount[];
  retention: { rate: number | null; reviews: number };
  forecast: DayCount[];
  mastery: { topic: string; mastered: number; learning: number; total: number }[];
  streak: number;
  totals: { reviews: number; cards: number; mastered: number };
}

export interface Settings {
  dailyNewLimit: number;
  desiredRetention: number;
  levels: Level[];
  topics: string[];
  theme: Theme;
}

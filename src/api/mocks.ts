/**
 * The JSON of the mock interview endpoints (docs/mocks.md): what the server writes and the
 * web app and CLI read. Types only. Ratings are the API's numbers, 1 Again to 4 Easy.
 */
import type { Level, Rating } from "./types.ts";

export type MockTaskKind = "concept" | "drill" | "exercise";
export type MockStatus = "active" | "finished";
/** Who ended it: the candidate, the clock, or a pause left for a week. */
export type MockEnding = "candidate" | "time" | "expired";

/** `POST /api/mocks`. Give `minutes` or `questions`, not both; neither is 30 minutes. */
export interface MockSetupBody {
  /** Empty or absent: a mix of every level. */
  levels?: Level[];
  /** Empty or absent: every topic. */
  topics?: string[];
  minutes?: number;
  questions?: number;
  includeExercises?: boolean;
  preferWeakTopics?: boolean;
  /** 0 to 4294967295; absent: the server picks one (and says which). */
  seed?: number;
}

export interface MockSetup {
  levels: Level[];
  topics: string[];
  budget: { kind: "minutes"; minutes: number } | { kind: "questions"; count: number };
  includeExercises: boolean;
  preferWeakTopics: boolean;
  seed: number;
}

export interface MockItem {
  index: number;
  questionId: string;
  cardId: string;
  kind: MockTaskKind;
  key?: string;
  level: Level;
  topics: string[];
  difficulty: 1 | 2 | 3;
  /** The soft target for this question. */
  minutes: number;
  title: string;
}

interface AnswerBase {
  questionId: string;
  answeredAt: string;
  durationMs: number;
}

export type MockAnswer =
  | (AnswerBase & {
      kind: "concept";
      text: string;
      rating: Rating | null;
      /** One flag per key point: did the answer touch it. */
      keyPoints: boolean[];
    })
  | (AnswerBase & { kind: "drill"; output: string; correct: boolean })
  | (AnswerBase & { kind: "exercise"; code: string; passed: number; total: number });

/** `POST /api/mocks/:id/answers`. The server grades key points and outputs itself. */
export type MockAnswerBody =
  | {
      questionId: string;
      kind: "concept";
      text: string;
      /** Absent or null when time ran out before the candidate rated. */
      rating?: Rating | null;
      durationMs: number;
    }
  | { questionId: string; kind: "drill"; output: string; durationMs: number }
  | {
      questionId: string;
      kind: "exercise";
      code: string;
      passed: number;
      total: number;
      durationMs: number;
    };

export interface ScoreGroup {
  score: number;
  items: number;
  answered: number;
}

export interface MockItemReport {
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
  score: number;
  missed: boolean;
  missedKeyPoints: { index: number; text: string }[];
  answer: MockAnswer | null;
}

export interface MockReport {
  score: number;
  answered: number;
  total: number;
  endedBy: MockEnding;
  durationMs: number;
  timeLimitMs: number;
  byTopic: (ScoreGroup & { topic: string })[];
  byLevel: (ScoreGroup & { level: Level })[];
  items: MockItemReport[];
  /** These cards are now due in the study queue. */
  reviewCardIds: string[];
}

/** One mock, as every mock endpoint answers it. */
export interface Mock {
  id: string;
  status: MockStatus;
  setup: MockSetup;
  items: MockItem[];
  totalMinutes: number;
  timeLimitMs: number;
  startedAt: string;
  /** The server's clock when it answered, so a client can correct its own. */
  serverNow: string;
  /** Interview time left; frozen while paused, 0 once finished. */
  remainingMs: number;
  /** When time runs out; null while paused or finished. */
  deadline: string | null;
  pausedAt: string | null;
  /** Pausing is for the local profile only. */
  canPause: boolean;
  answers: MockAnswer[];
  finishedAt: string | null;
  report: MockReport | null;
}

export interface MockAnswerAnswer {
  mock: Mock;
  /** The question had an answer already: the first one stands, nothing changed. */
  duplicate: boolean;
}

/** A line of `GET /api/mocks`; `report`-less plain results have `hasReport: false`. */
export interface MockSummary {
  id: string;
  status: MockStatus;
  startedAt: string;
  finishedAt: string | null;
  /** 0..1; null while running. */
  score: number | null;
  answered: number;
  total: number;
  durationMs: number;
  timeLimitMs: number;
  levels: Level[];
  topics: string[];
  endedBy: MockEnding | null;
  setup: MockSetup | null;
  hasReport: boolean;
}

export interface MockList {
  items: MockSummary[];
}

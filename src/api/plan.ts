/**
 * The interview and plan endpoints' JSON (docs/api.md, "Interviews and the plan"): what the
 * server sends and the web app and CLI read. Dates are ISO strings; days are `YYYY-MM-DD`.
 */
import type { Level } from "../content/schema.ts";

export const INTERVIEW_OUTCOMES = [
  "offer",
  "next-round",
  "rejected",
  "withdrew",
  "unknown",
] as const;
export type InterviewOutcome = (typeof INTERVIEW_OUTCOMES)[number];

export interface InterviewEventJson {
  at: string;
  change: "created" | "updated" | "closed";
  before?: Record<string, unknown>;
}

export interface InterviewJson {
  id: string;
  date: string;
  timeZone: string | null;
  levels: Level[];
  topics: string[];
  minutesPerDay: number;
  /** Sunday first. */
  minutesByWeekday: number[] | null;
  status: "open" | "closed";
  outcome: InterviewOutcome | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  history: InterviewEventJson[];
}

/** Body of POST /api/interviews; PATCH takes any part of it. */
export interface InterviewBody {
  date: string;
  timeZone?: string | null;
  levels?: Level[];
  topics?: string[];
  minutesPerDay: number;
  minutesByWeekday?: number[] | null;
}

export interface CloseBody {
  outcome: InterviewOutcome;
  notes?: string | null;
}

export interface PlannedMockJson {
  date: string;
  day: number;
  label: "baseline" | "midway" | "final";
  minutes: number;
}

export interface PlanDayJson {
  date: string;
  index: number;
  kind: "learn" | "review" | "mock";
  budget: number;
  newCardIds: string[];
  expectedReviews: number;
  minutes: number;
  mock: PlannedMockJson | null;
}

export interface PlanJson {
  today: string;
  interviewDate: string;
  daysLeft: number;
  days: PlanDayJson[];
  mocks: PlannedMockJson[];
  scope: { cards: number; newCards: number; placedNewCards: number };
  feasible: boolean;
  message: string | null;
  suggestion: { extraMinutesPerDay: number | null; dropTopics: string[] } | null;
}

export interface ReadinessGroupJson {
  key: string;
  cards: number;
  expectedRecall: number;
  currentRecall: number;
  atRisk: number;
  status: "ready" | "at-risk";
}

export interface ReadinessJson {
  interviewDate: string;
  threshold: number;
  overall: ReadinessGroupJson;
  byTopic: ReadinessGroupJson[];
  byLevel: ReadinessGroupJson[];
}

/** GET /api/plan: the nearest open interview's plan, or nulls when there is none. */
export interface PlanAnswer {
  interview: InterviewJson | null;
  plan: PlanJson | null;
  today: PlanDayJson | null;
  readiness: ReadinessJson | null;
}

/**
 * `GET /api/stats`: the Progress dashboard's numbers. It extends the `Stats` of types.ts
 * (every field there keeps its meaning) with what the dashboard's other charts need.
 */
import type { Level, Stats } from "./types.ts";

export interface DayTime {
  date: string;
  reviewMs: number;
  mockMs: number;
}

export interface WeekRetention {
  /** The week's Monday, `YYYY-MM-DD`. */
  week: string;
  reviews: number;
  recalled: number;
  rate: number | null;
}

export interface TopicStrength {
  topic: string;
  cards: number;
  seen: number;
  mastered: number;
  /** (mastered + half of the seen) / cards, 0..1. */
  strength: number;
}

export interface MasteryCell extends TopicStrength {
  level: Level;
}

export interface MockScorePoint {
  id: string;
  finishedAt: string;
  score: number;
}

export interface StatsAnswer extends Stats {
  /** Every per-day series covers the last 90 days, today last. */
  retention: Stats["retention"] & { recalled: number };
  retentionByWeek: WeekRetention[];
  timePerDay: DayTime[];
  /** Topics × levels; a pair without cards is absent. */
  masteryByLevel: MasteryCell[];
  /** Up to five started topics, weakest first. */
  weakestTopics: TopicStrength[];
  /** Finished mocks, oldest first (at most the last 100). */
  mockScores: MockScorePoint[];
  dueNow: number;
  /** Due by the end of today, overdue included: the forecast's first day. */
  dueToday: number;
  /** The next time any studied card falls due; null before the first review. */
  nextDue: string | null;
}

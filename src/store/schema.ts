import type { ColumnType, Generated } from "kysely";

/**
 * Instants are integer epoch milliseconds (`bigint` columns): exact on both
 * dialects, sortable, and free of time-zone conversions. node-postgres returns
 * int8 as a string, so reads accept either and the codec parses them.
 */
export type Millis = ColumnType<number | string, number, number>;
/** JSON kept as text: the same column type and the same bytes on both dialects. */
export type JsonText = string;

export interface UsersTable {
  id: string;
  display_name: string | null;
  created_at: Millis;
}

export interface SettingsTable {
  user_id: string;
  daily_new_limit: number;
  desired_retention: number;
  levels: JsonText;
  topics: JsonText;
  theme: string;
  updated_at: Millis;
}

export interface CardStatesTable {
  user_id: string;
  card_id: string;
  status: string;
  due: Millis;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: Millis | null;
  introduced_at: Millis | null;
  /** Bumped on every write: the compare-and-swap that makes a lost update impossible. */
  version: number;
}

export interface ReviewsTable {
  /** Insertion order, to break ties between reviews stamped with the same instant. */
  id: Generated<Millis>;
  user_id: string;
  idempotency_key: string;
  card_id: string;
  rating: string;
  reviewed_at: Millis;
  duration_ms: number;
  previous_status: string;
  state_after: JsonText;
  grade: JsonText | null;
}

export interface MockResultsTable {
  id: Generated<Millis>;
  user_id: string;
  /** Client-generated, like a review's idempotency key. */
  result_key: string;
  taken_at: Millis;
  duration_ms: number;
  score: number;
  levels: JsonText;
  topics: JsonText;
  details: JsonText;
  /** `active` while a mock runs, `finished` after (migration 0003; older rows are finished). */
  status: Generated<string>;
  /** Bumped on every write of a running mock: its compare-and-swap. */
  version: Generated<number>;
}

export interface Database {
  users: UsersTable;
  settings: SettingsTable;
  card_states: CardStatesTable;
  reviews: ReviewsTable;
  mock_results: MockResultsTable;
  interviews: InterviewsTable;
}

export type DialectName = "sqlite" | "postgres";

/** Interviews to prepare for (migration 0004); the plan is computed, never stored. */
export interface InterviewsTable {
  user_id: string;
  id: string;
  /** `YYYY-MM-DD` in the candidate's zone. */
  date: string;
  time_zone: string | null;
  levels: JsonText;
  topics: JsonText;
  minutes_per_day: number;
  /** Seven numbers, Sunday first, or null. */
  minutes_by_weekday: JsonText | null;
  status: string;
  outcome: string | null;
  notes: string | null;
  created_at: Millis;
  updated_at: Millis;
  closed_at: Millis | null;
  /** Every change, oldest first: what each one replaced. */
  history: JsonText;
  version: number;
}

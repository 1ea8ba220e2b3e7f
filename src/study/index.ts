export { conceptCardId, deriveCards, parseCardId, partCardId, retiredCardIds } from "./cards.ts";
export { type ExerciseGrade, type ExerciseTestOutcome, gradeExercise } from "./grading/exercise.ts";
export {
  type KeyPointCheck,
  type KeyPointChecklist,
  matchKeyPoints,
} from "./grading/key-points.ts";
export {
  type DiffLine,
  type DiffOp,
  diffOutput,
  normalizeOutput,
  type OutputDiff,
  renderDiff,
} from "./grading/output-diff.ts";
export * from "./mock/index.ts";
export { type AutoGradeResult, defaultRating, FAST_THRESHOLD_MS } from "./rating.ts";
export {
  cardStateProblems,
  DEFAULT_DESIRED_RETENTION,
  MAXIMUM_INTERVAL_DAYS,
  newCardState,
  type Scheduled,
  type ScheduleParams,
  schedule,
} from "./scheduler.ts";
export {
  buildSession,
  introductionOrder,
  type Session,
  type SessionFilters,
  type SessionInput,
  type SessionItem,
} from "./session.ts";
export {
  computeStats,
  type DayCount,
  type DayTime,
  FORECAST_DAYS,
  MASTERY_STABILITY_DAYS,
  RETENTION_WEEKS,
  REVIEW_WINDOW_DAYS,
  type Stats,
  type StatsInput,
  type TopicLevelMastery,
  type TopicMastery,
  type WeekRetention,
  weakestTopics,
} from "./stats.ts";
export { DAY_MS, dayKey, localDayNumber, localDayStart } from "./time.ts";
export * from "./types.ts";

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
  FORECAST_DAYS,
  MASTERY_STABILITY_DAYS,
  type Stats,
  type StatsInput,
  type TopicMastery,
} from "./stats.ts";
export { DAY_MS, dayKey, localDayNumber, localDayStart } from "./time.ts";
export * from "./types.ts";

export {
  budgetOn,
  dayOfDate,
  interviewMoment,
  mockDays,
  reviewTailDays,
  weekdayOf,
} from "./days.ts";
export {
  type InterviewPlan,
  type InterviewPlanInput,
  type InterviewSpec,
  planForInterview,
} from "./for-interview.ts";
export { measuredPace, PACE_WINDOW_MS, planCards } from "./pace.ts";
export { buildPlan, DEFAULT_MOCK_MINUTES, MIN_REPS_BEFORE, type PlanInput } from "./planner.ts";
export {
  computeReadiness,
  READY_RECALL,
  type Readiness,
  type ReadinessGroup,
  type ReadinessInput,
} from "./readiness.ts";
export { recallAt } from "./recall.ts";
export { inScope, primaryTopic } from "./scope.ts";
export { type FollowPlanInput, followPlan } from "./session-order.ts";
export type * from "./types.ts";
export { zoneOffsetMinutes } from "./zone.ts";

import type { Level } from "../../content/schema.ts";
import type { CardState, ReviewRecord } from "../types.ts";
import { dayOfDate, interviewMoment } from "./days.ts";
import { measuredPace } from "./pace.ts";
import { buildPlan } from "./planner.ts";
import { computeReadiness, type Readiness } from "./readiness.ts";
import type { Plan, PlanCard, PlanScope } from "./types.ts";
import { zoneOffsetMinutes } from "./zone.ts";

/** The parts of a stored interview the plan reads. */
export interface InterviewSpec {
  date: string;
  timeZone: string | null;
  levels: readonly Level[];
  topics: readonly string[];
  minutesPerDay: number;
  minutesByWeekday: readonly number[] | null;
}

export interface InterviewPlanInput {
  interview: InterviewSpec;
  cards: readonly PlanCard[];
  states: readonly CardState[];
  reviews: readonly Pick<ReviewRecord, "durationMs" | "previousStatus">[];
  now: Date;
  /** The client's offset, used when the interview has no zone of its own. */
  clientOffsetMinutes: number;
  desiredRetention: number;
}

export interface InterviewPlan {
  plan: Plan;
  readiness: Readiness;
  offsetMinutes: number;
  interviewAt: Date;
  scope: PlanScope;
}

/**
 * Plan and readiness for one interview from the candidate's current state: its zone (or the
 * client's) decides the days, the candidate's measured pace the minutes. What the server's
 * plan and session routes and the CLI all call, so they agree.
 */
export function planForInterview(input: InterviewPlanInput): InterviewPlan {
  const { interview, now } = input;
  const offsetMinutes =
    (interview.timeZone ? zoneOffsetMinutes(interview.timeZone, now) : null) ??
    input.clientOffsetMinutes;
  const scope = { levels: interview.levels, topics: interview.topics };
  const common = {
    cards: input.cards,
    states: input.states,
    now,
    offsetMinutes,
    scope,
    desiredRetention: input.desiredRetention,
  };
  const plan = buildPlan({
    ...common,
    interviewDate: interview.date,
    budget: { minutesPerDay: interview.minutesPerDay, byWeekday: interview.minutesByWeekday },
    pace: measuredPace(input.reviews),
  });
  const readiness = computeReadiness({ ...common, plan });
  return {
    plan,
    readiness,
    offsetMinutes,
    interviewAt: interviewMoment(dayOfDate(interview.date), offsetMinutes),
    scope,
  };
}

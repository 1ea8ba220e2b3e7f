import type { Level } from "../../content/schema.ts";
import { localDayNumber } from "../time.ts";
import type { CardState } from "../types.ts";
import { dayOfDate, interviewMoment } from "./days.ts";
import { recallAt } from "./recall.ts";
import { inScope, primaryTopic } from "./scope.ts";
import { reviewPath } from "./simulate.ts";
import type { Plan, PlanCard, PlanScope } from "./types.ts";

/** Predicted recall on the day at or above which a card, topic or level counts as ready. */
export const READY_RECALL = 0.8;

export interface ReadinessInput {
  cards: readonly PlanCard[];
  states: readonly CardState[];
  plan: Plan;
  now: Date;
  offsetMinutes: number;
  scope: PlanScope;
  desiredRetention: number;
}

export interface ReadinessGroup {
  /** Topic id or level; `all` for the whole scope. */
  key: string;
  cards: number;
  /** Mean predicted recall on the day if the plan is followed (Good on every review). */
  expectedRecall: number;
  /** Mean predicted recall on the day if the candidate studied nothing more. */
  currentRecall: number;
  /** Cards whose expected recall is under the bar: never planned, or planned too late. */
  atRisk: number;
  status: "ready" | "at-risk";
}

export interface Readiness {
  interviewDate: string;
  threshold: number;
  overall: ReadinessGroup;
  byTopic: ReadinessGroup[];
  byLevel: ReadinessGroup[];
}

interface CardForecast {
  topic: string;
  level: Level;
  expected: number;
  current: number;
}

/**
 * FSRS's predicted recall on the interview day for every card in scope, rolled up per topic
 * and level. "Expected" follows the plan: studied cards take the reviews they will fall due
 * for, planned new cards their introduction and reviews, and a card the plan could not fit
 * stays at zero, which is what puts its topic at risk.
 */
export function computeReadiness(input: ReadinessInput): Readiness {
  const { plan, offsetMinutes, desiredRetention } = input;
  const today = localDayNumber(input.now, offsetMinutes);
  const interviewDay = dayOfDate(plan.interviewDate);
  const at = interviewMoment(interviewDay, offsetMinutes);
  const stateById = new Map(input.states.map((s) => [s.cardId, s]));
  const plannedOn = new Map<string, number>();
  for (const day of plan.days) for (const id of day.newCardIds) plannedOn.set(id, day.index);
  const pathRecall = new Map<number, number>();
  const recallIfIntroducedOn = (index: number) => {
    let recall = pathRecall.get(index);
    if (recall === undefined) {
      const path = reviewPath(
        undefined,
        today + index,
        today,
        interviewDay,
        offsetMinutes,
        desiredRetention,
      );
      recall = recallAt(path.last, at);
      pathRecall.set(index, recall);
    }
    return recall;
  };

  const forecasts: CardForecast[] = [];
  for (const card of input.cards) {
    if (!inScope(card, input.scope)) continue;
    const state = stateById.get(card.id);
    const current = recallAt(state, at);
    let expected = 0;
    if (state && state.status !== "new") {
      const path = reviewPath(state, today, today, interviewDay, offsetMinutes, desiredRetention);
      expected = Math.max(current, recallAt(path.last, at));
    } else {
      const index = plannedOn.get(card.id);
      if (index !== undefined) expected = recallIfIntroducedOn(index);
    }
    forecasts.push({
      topic: primaryTopic(card, input.scope),
      level: card.level,
      expected,
      current,
    });
  }
  return {
    interviewDate: plan.interviewDate,
    threshold: READY_RECALL,
    overall: rollUp("all", forecasts),
    byTopic: groups(forecasts, (f) => f.topic),
    byLevel: groups(forecasts, (f) => f.level),
  };
}

function groups(
  forecasts: readonly CardForecast[],
  keyOf: (f: CardForecast) => string,
): ReadinessGroup[] {
  const byKey = new Map<string, CardForecast[]>();
  for (const forecast of forecasts) {
    const key = keyOf(forecast);
    const list = byKey.get(key);
    if (list) list.push(forecast);
    else byKey.set(key, [forecast]);
  }
  return [...byKey.entries()]
    .map(([key, list]) => rollUp(key, list))
    .sort(
      (a, b) => a.expectedRecall - b.expectedRecall || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

function rollUp(key: string, forecasts: readonly CardForecast[]): ReadinessGroup {
  const n = forecasts.length;
  const mean = (pick: (f: CardForecast) => number) =>
    n === 0 ? 0 : round(forecasts.reduce((sum, f) => sum + pick(f), 0) / n);
  const expectedRecall = mean((f) => f.expected);
  return {
    key,
    cards: n,
    expectedRecall,
    currentRecall: mean((f) => f.current),
    atRisk: forecasts.filter((f) => f.expected < READY_RECALL).length,
    status: n > 0 && expectedRecall >= READY_RECALL ? "ready" : "at-risk",
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

import type { SessionItem } from "../session.ts";
import type { CardState, StudyCard } from "../types.ts";
import { READY_RECALL } from "./readiness.ts";
import { recallAt } from "./recall.ts";
import { inScope } from "./scope.ts";
import type { PlanScope } from "./types.ts";

export interface FollowPlanInput {
  /** The session's due cards, most overdue first (from `buildSession`). */
  due: readonly SessionItem[];
  /** Today's new card ids from the plan, in the plan's order. */
  plannedNewIds: readonly string[];
  cardById: ReadonlyMap<string, StudyCard>;
  states: readonly CardState[];
  /** The moment readiness is forecast for. */
  interviewAt: Date;
  scope: PlanScope;
  /** The session's own level and topic filters, which still apply. */
  accept?: (card: StudyCard) => boolean;
}

/**
 * Today's session as the plan has it: the new cards are the plan's for today that are still
 * new, and among the due cards those at risk for the interview (in scope, predicted recall
 * on the day under the bar) come first, the least likely to be recalled first; the rest keep
 * the session's most-overdue-first order.
 */
export function followPlan(input: FollowPlanInput): {
  due: SessionItem[];
  newCards: SessionItem[];
} {
  const stateById = new Map(input.states.map((s) => [s.cardId, s]));
  const accept = input.accept ?? (() => true);
  const newCards: SessionItem[] = [];
  for (const id of input.plannedNewIds) {
    const card = input.cardById.get(id);
    const state = stateById.get(id);
    if (!card || !accept(card) || (state && state.status !== "new")) continue;
    newCards.push({ card, state });
  }
  const atRisk: { item: SessionItem; recall: number }[] = [];
  const rest: SessionItem[] = [];
  for (const item of input.due) {
    const recall = recallAt(item.state, input.interviewAt);
    if (inScope(item.card, input.scope) && recall < READY_RECALL) atRisk.push({ item, recall });
    else rest.push(item);
  }
  atRisk.sort((a, b) => a.recall - b.recall);
  return { due: [...atRisk.map((entry) => entry.item), ...rest], newCards };
}

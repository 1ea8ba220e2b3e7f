import type { Level } from "../../content/schema.ts";
import { localDayNumber } from "../time.ts";
import type { CardState } from "../types.ts";
import { budgetOn, dayKey, dayOfDate, interviewMoment, mockDays, reviewTailDays } from "./days.ts";
import { recallAt } from "./recall.ts";
import { inScope, primaryTopic } from "./scope.ts";
import { type ReviewPath, reviewPath } from "./simulate.ts";
import type {
  Pace,
  Plan,
  PlanCard,
  PlanDay,
  PlannedMock,
  PlanScope,
  PlanSuggestion,
  StudyBudget,
} from "./types.ts";

export interface PlanInput {
  cards: readonly PlanCard[];
  states: readonly CardState[];
  now: Date;
  /** Minutes east of UTC: where the candidate's days begin. */
  offsetMinutes: number;
  /** `YYYY-MM-DD`, the interview's day in the candidate's zone. */
  interviewDate: string;
  scope: PlanScope;
  budget: StudyBudget;
  desiredRetention: number;
  pace?: Pace;
  /** A full mock's length; a day with a small budget gets a shorter mock that leaves room for reviews. */
  mockMinutes?: number;
}

/** Reps before the interview, over at least two days, for a card to count as learned. */
export const MIN_REPS_BEFORE = 3;
export const DEFAULT_MOCK_MINUTES = 30;
/** The most the suggestion will ask for on top of the budget: eight hours is already no plan. */
const MAX_EXTRA_MINUTES = 480;
const EPSILON = 1e-9;
/** The most topics a suggestion proposes leaving out. */
const MAX_DROP_TOPICS = 3;
const LEVEL_RANK: Record<Level, number> = { fresher: 0, intermediate: 1, expert: 2 };
const KIND_RANK = { concept: 0, drill: 1, exercise: 2 } as const;

interface Allocation {
  newByDay: string[][];
  load: number[];
  reviews: number[];
  unplaced: PlanCard[];
}

/**
 * The day-by-day plan to the interview, from the candidate's current state: deterministic
 * (the same input gives the same plan), so re-planning after a missed or an extra day is
 * just planning again. Every new card of the scope is introduced on the earliest day whose
 * budget holds it together with the reviews FSRS will then ask for, and no later than the
 * last day that still leaves it several reviews; the weakest topics go first; the last days
 * are for review and the final mock. What cannot fit is reported with what would make it fit.
 */
export function buildPlan(input: PlanInput): Plan {
  const context = prepare(input);
  const { daysLeft, today, newCards } = context;
  const first = allocate(context, 0, new Set());
  const days = describeDays(context, first);
  const placed = newCards.length - first.unplaced.length;
  const feasible = first.unplaced.length === 0;
  const suggestion = feasible ? null : suggest(context);
  return {
    today: dayKey(today),
    interviewDate: input.interviewDate,
    daysLeft,
    days,
    mocks: context.mocks,
    scope: { cards: context.scopeCards.length, newCards: newCards.length, placedNewCards: placed },
    feasible,
    message: feasible ? null : explain(input, context, placed, suggestion as PlanSuggestion),
    suggestion,
  };
}

interface Context {
  input: PlanInput;
  today: number;
  interviewDay: number;
  daysLeft: number;
  budgets: number[];
  scopeCards: PlanCard[];
  newCards: PlanCard[];
  mocks: PlannedMock[];
  /** Load and reviews of what is already under way (cards studied, mocks), per day. */
  baseLoad: number[];
  baseReviews: number[];
  introducedToday: string[];
  paths: ReviewPath[];
  lastIntroDay: number;
  topicOf: Map<string, string>;
  newMinutes(card: PlanCard): number;
  reviewMinutes(card: PlanCard): number;
}

function prepare(input: PlanInput): Context {
  const offset = input.offsetMinutes;
  const today = localDayNumber(input.now, offset);
  const interviewDay = dayOfDate(input.interviewDate);
  const daysLeft = Math.max(0, interviewDay - today);
  const budgets = Array.from({ length: daysLeft }, (_, i) => budgetOn(today + i, input.budget));
  const pace = input.pace ?? {};
  const newMinutes = (card: PlanCard) => pace.newMinutes ?? card.minutes;
  const reviewMinutes = (card: PlanCard) => pace.reviewMinutes ?? Math.max(0.5, card.minutes / 2);
  const stateById = new Map(input.states.map((s) => [s.cardId, s]));
  const scopeCards = input.cards.filter((card) => inScope(card, input.scope));

  const baseLoad = budgets.map(() => 0);
  const baseReviews = budgets.map(() => 0);

  const introducedToday: string[] = [];
  const fresh: PlanCard[] = [];
  for (const card of scopeCards) {
    const state = stateById.get(card.id);
    if (!state || state.status === "new") {
      fresh.push(card);
      continue;
    }
    if (state.introducedAt && localDayNumber(state.introducedAt, offset) === today) {
      // Studied today already: the day's budget has paid for it.
      introducedToday.push(card.id);
      baseLoad[0] = (baseLoad[0] ?? 0) + newMinutes(card);
    }
    const path = reviewPath(state, today, today, interviewDay, offset, input.desiredRetention);
    for (const [index, reps] of path.repsByDay) {
      if (index < 0 || index >= daysLeft) continue;
      baseReviews[index] = (baseReviews[index] ?? 0) + reps;
      baseLoad[index] = (baseLoad[index] ?? 0) + reps * reviewMinutes(card);
    }
  }

  const mocks = placeMocks(input, today, budgets);
  for (const mock of mocks) baseLoad[mock.day] = (baseLoad[mock.day] ?? 0) + mock.minutes;

  const paths = budgets.map((_, d) =>
    reviewPath(undefined, today + d, today, interviewDay, offset, input.desiredRetention),
  );
  const tailStart = daysLeft - reviewTailDays(daysLeft);
  let lastIntroDay = -1;
  for (let d = 0; d < tailStart; d++) {
    const path = paths[d] as ReviewPath;
    const reps = [...path.repsByDay.values()].reduce((a, b) => a + b, 0);
    if (reps >= MIN_REPS_BEFORE && path.repsByDay.size >= 2) lastIntroDay = d;
  }

  const topicOf = new Map(fresh.map((card) => [card.id, primaryTopic(card, input.scope)]));
  const interviewAt = interviewMoment(interviewDay, offset);
  const newCards = weakestFirst(scopeCards, fresh, stateById, interviewAt, topicOf, input.scope);
  return {
    input,
    today,
    interviewDay,
    daysLeft,
    budgets,
    scopeCards,
    newCards,
    mocks,
    baseLoad,
    baseReviews,
    introducedToday,
    paths,
    lastIntroDay,
    topicOf,
    newMinutes,
    reviewMinutes,
  };
}

/**
 * New cards in the order the plan takes them: topics by how ready the candidate is in them
 * now (mean predicted recall on the day, an unstudied card counting 0), weakest first;
 * topics about as ready take turns; within a topic, fresher before expert, easier first,
 * and a question's concept card before its drills and exercises.
 */
function weakestFirst(
  scopeCards: readonly PlanCard[],
  fresh: readonly PlanCard[],
  stateById: ReadonlyMap<string, CardState>,
  interviewAt: Date,
  topicOf: ReadonlyMap<string, string>,
  scope: PlanScope,
): PlanCard[] {
  const recall = new Map<string, { sum: number; count: number }>();
  for (const card of scopeCards) {
    const topic = primaryTopic(card, scope);
    const entry = recall.get(topic) ?? { sum: 0, count: 0 };
    entry.sum += recallAt(stateById.get(card.id), interviewAt);
    entry.count++;
    recall.set(topic, entry);
  }
  const byTopic = new Map<string, PlanCard[]>();
  for (const card of fresh) {
    const topic = topicOf.get(card.id) ?? "";
    const list = byTopic.get(topic);
    if (list) list.push(card);
    else byTopic.set(topic, [card]);
  }
  for (const list of byTopic.values()) {
    list.sort(
      (a, b) =>
        LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
        a.difficulty - b.difficulty ||
        compare(a.questionId, b.questionId) ||
        KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
        compare(a.id, b.id),
    );
  }
  const readiness = (topic: string) => {
    const entry = recall.get(topic);
    return entry && entry.count > 0 ? entry.sum / entry.count : 0;
  };
  // Tiers of a tenth: a topic at 0.31 and one at 0.34 are equally weak, so they alternate.
  const tiers = new Map<number, string[]>();
  for (const topic of byTopic.keys()) {
    const tier = Math.floor(readiness(topic) * 10);
    tiers.set(tier, [...(tiers.get(tier) ?? []), topic]);
  }
  const ordered: PlanCard[] = [];
  for (const tier of [...tiers.keys()].sort((a, b) => a - b)) {
    const queues = (tiers.get(tier) as string[])
      .sort(compare)
      .map((topic) => questionsOf(byTopic.get(topic) ?? []));
    for (let round = 0; queues.some((q) => round < q.length); round++) {
      for (const queue of queues) ordered.push(...(queue[round] ?? []));
    }
  }
  return ordered;
}

function questionsOf(cards: readonly PlanCard[]): PlanCard[][] {
  const groups: PlanCard[][] = [];
  for (const card of cards) {
    const last = groups.at(-1);
    if (last && last[0]?.questionId === card.questionId) last.push(card);
    else groups.push([card]);
  }
  return groups;
}

/**
 * A mock day still has reviews due: a mock takes up to `mockMinutes` but never more than
 * two thirds of its day.
 */
function placeMocks(input: PlanInput, today: number, budgets: readonly number[]): PlannedMock[] {
  const length = input.mockMinutes ?? DEFAULT_MOCK_MINUTES;
  const daysLeft = budgets.length;
  return mockDays(daysLeft).map(({ index, label }) => ({
    date: dayKey(today + index),
    day: index,
    label,
    minutes: Math.min(length, Math.floor(((budgets[index] ?? 0) * 2) / 3)),
  }));
}

/**
 * The same context with `extra` minutes on every day: the budgets and the mocks sized from
 * them change, the FSRS paths and the order do not, so the suggestion's search is cheap.
 */
function withExtraMinutes(context: Context, extra: number): Context {
  const input = context.input;
  const { minutesPerDay, byWeekday } = input.budget;
  const budget = {
    minutesPerDay: minutesPerDay + extra,
    byWeekday: byWeekday?.map((m) => m + extra) ?? null,
  };
  const budgets = context.budgets.map((_, i) => budgetOn(context.today + i, budget));
  const mocks = placeMocks(input, context.today, budgets);
  const baseLoad = [...context.baseLoad];
  for (const [i, mock] of context.mocks.entries()) {
    baseLoad[mock.day] = (baseLoad[mock.day] ?? 0) - mock.minutes + (mocks[i]?.minutes ?? 0);
  }
  return { ...context, input: { ...input, budget }, budgets, mocks, baseLoad };
}

/** Earliest-fit placement of every new card, with `extra` minutes a day and some topics left out. */
function allocate(context: Context, extra: number, dropped: ReadonlySet<string>): Allocation {
  const { budgets, paths, lastIntroDay } = context;
  const load = [...context.baseLoad];
  const reviews = [...context.baseReviews];
  const newByDay: string[][] = budgets.map(() => []);
  newByDay[0]?.push(...context.introducedToday);
  const unplaced: PlanCard[] = [];
  const capacity = (d: number) => (budgets[d] ?? 0) + extra + EPSILON;
  let earliestForQuestion = 0;
  let previousQuestion = "";
  for (const card of context.newCards) {
    if (dropped.has(context.topicOf.get(card.id) ?? "")) continue;
    if (card.questionId !== previousQuestion) earliestForQuestion = 0;
    previousQuestion = card.questionId;
    const fresh = context.newMinutes(card);
    const again = context.reviewMinutes(card);
    let placedOn = -1;
    for (let d = earliestForQuestion; d <= lastIntroDay && placedOn < 0; d++) {
      const path = paths[d] as ReviewPath;
      let fits = true;
      for (const [index, reps] of path.repsByDay) {
        const cost = index === d ? fresh + (reps - 1) * again : reps * again;
        if ((load[index] ?? 0) + cost > capacity(index)) fits = false;
      }
      if (!fits) continue;
      placedOn = d;
      for (const [index, reps] of path.repsByDay) {
        load[index] =
          (load[index] ?? 0) + (index === d ? fresh + (reps - 1) * again : reps * again);
        reviews[index] = (reviews[index] ?? 0) + (index === d ? reps - 1 : reps);
      }
      newByDay[d]?.push(card.id);
    }
    if (placedOn < 0) unplaced.push(card);
    // The rest of a question's cards come the same day or later, never before its concept card.
    else earliestForQuestion = placedOn;
  }
  return { newByDay, load, reviews, unplaced };
}

function describeDays(context: Context, allocation: Allocation): PlanDay[] {
  const tailStart = context.daysLeft - reviewTailDays(context.daysLeft);
  return context.budgets.map((budget, index) => {
    const mock = context.mocks.find((m) => m.day === index) ?? null;
    const newCardIds = allocation.newByDay[index] ?? [];
    return {
      date: dayKey(context.today + index),
      index,
      kind: mock ? "mock" : index >= tailStart || newCardIds.length === 0 ? "review" : "learn",
      budget,
      newCardIds,
      expectedReviews: allocation.reviews[index] ?? 0,
      minutes: Math.round((allocation.load[index] ?? 0) * 10) / 10,
      mock,
    };
  });
}

/** The smallest daily addition that fits everything, and the lightest topics whose removal does. */
function suggest(context: Context): PlanSuggestion {
  // Planned again with the larger budget, mocks included, so taking the advice really fits.
  const fitsWith = (extra: number) =>
    allocate(withExtraMinutes(context, extra), 0, new Set()).unplaced.length === 0;
  let extraMinutesPerDay: number | null = null;
  if (fitsWith(MAX_EXTRA_MINUTES)) {
    let low = 0;
    let high = MAX_EXTRA_MINUTES;
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (fitsWith(mid)) high = mid;
      else low = mid;
    }
    extraMinutesPerDay = high;
  }
  const weight = new Map<string, number>();
  for (const card of context.newCards) {
    const topic = context.topicOf.get(card.id) ?? "";
    weight.set(topic, (weight.get(topic) ?? 0) + context.newMinutes(card));
  }
  const lightest = [...weight.entries()].sort((a, b) => a[1] - b[1] || compare(a[0], b[0]));
  const dropped = new Set<string>();
  for (const [topic] of lightest) {
    // Past a few topics, "drop these" is no longer a plan for this interview.
    if (dropped.size === lightest.length - 1 || dropped.size === MAX_DROP_TOPICS) break;
    dropped.add(topic);
    if (allocate(context, 0, dropped).unplaced.length === 0) {
      return { extraMinutesPerDay, dropTopics: [...dropped] };
    }
  }
  return { extraMinutesPerDay, dropTopics: [] };
}

function explain(
  input: PlanInput,
  context: Context,
  placed: number,
  suggestion: PlanSuggestion,
): string {
  const total = context.newCards.length;
  const parts = [
    context.lastIntroDay < 0
      ? `${input.interviewDate} is too close to learn new cards: none of the ${total} new cards would be reviewed ${MIN_REPS_BEFORE} times before it.`
      : `Your budget fits ${placed} of the ${total} new cards in time for ${input.interviewDate}.`,
  ];
  const options: string[] = [];
  if (suggestion.extraMinutesPerDay !== null) {
    const extra = suggestion.extraMinutesPerDay;
    options.push(`give ${extra} more minute${extra === 1 ? "" : "s"} a day`);
  }
  if (suggestion.dropTopics.length > 0) {
    options.push(`leave out ${suggestion.dropTopics.join(", ")}`);
  }
  if (options.length === 0) options.push("move the date later or narrow the levels");
  parts.push(`To cover everything, ${options.join(", or ")}.`);
  return parts.join(" ");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import {
  type Card,
  createEmptyCard,
  type FSRS,
  Rating as FsrsRating,
  State as FsrsState,
  fsrs,
  type Grade,
} from "ts-fsrs";
import { DAY_MS } from "./time.ts";
import { CARD_STATUSES, type CardState, type CardStatus, type Rating } from "./types.ts";

export const DEFAULT_DESIRED_RETENTION = 0.9;
/** FSRS's own ceiling is 100 years; a decade is already "never" for an interview. */
export const MAXIMUM_INTERVAL_DAYS = 3650;

export interface ScheduleParams {
  desiredRetention: number;
  /** On by default, so cards learned together do not stay due together forever. */
  enableFuzz?: boolean;
}

export interface Scheduled {
  state: CardState;
  previousStatus: CardStatus;
}

const STATUS_TO_FSRS: Record<CardStatus, FsrsState> = {
  new: FsrsState.New,
  learning: FsrsState.Learning,
  review: FsrsState.Review,
  relearning: FsrsState.Relearning,
};
const FSRS_TO_STATUS: Record<FsrsState, CardStatus> = {
  [FsrsState.New]: "new",
  [FsrsState.Learning]: "learning",
  [FsrsState.Review]: "review",
  [FsrsState.Relearning]: "relearning",
};
const RATING_TO_FSRS: Record<Rating, Grade> = {
  again: FsrsRating.Again,
  hard: FsrsRating.Hard,
  good: FsrsRating.Good,
  easy: FsrsRating.Easy,
};

// One scheduler per distinct parameter set: building one recomputes FSRS constants.
const schedulers = new Map<string, FSRS>();

function schedulerFor(params: ScheduleParams): FSRS {
  const retention = params.desiredRetention;
  if (!(retention > 0 && retention < 1)) {
    throw new RangeError(`desired retention must be between 0 and 1, got ${retention}`);
  }
  const fuzz = params.enableFuzz ?? true;
  const key = `${retention}:${fuzz}`;
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = fsrs({
      request_retention: retention,
      enable_fuzz: fuzz,
      maximum_interval: MAXIMUM_INTERVAL_DAYS,
    });
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

/** The state of a card nobody has rated yet. */
export function newCardState(cardId: string, now: Date): CardState {
  return fromFsrs(cardId, createEmptyCard(now), null);
}

/**
 * The next state after rating a card at `now`. Deterministic: ts-fsrs seeds its fuzz
 * from the review time and the card, so a retry computes the same due date.
 */
export function schedule(
  cardId: string,
  previous: CardState | undefined,
  rating: Rating,
  now: Date,
  params: ScheduleParams,
): Scheduled {
  const before = previous ?? newCardState(cardId, now);
  // A review stamped before the previous one (clock skew between devices) is
  // scheduled as if it happened at the previous review, never backwards in time.
  const at =
    before.lastReview && now.getTime() < before.lastReview.getTime() ? before.lastReview : now;
  const { card } = schedulerFor(params).next(toFsrs(before), at, RATING_TO_FSRS[rating]);
  return {
    state: capInterval(fromFsrs(cardId, card, before.introducedAt ?? at), at),
    previousStatus: before.status,
  };
}

/**
 * ts-fsrs caps each interval at the maximum but then pushes Good past Hard and Easy
 * past Good by a day each, which can land just over it (the property test found
 * 3651 days). We hold the promise the maximum makes.
 */
function capInterval(state: CardState, at: Date): CardState {
  if (state.scheduledDays <= MAXIMUM_INTERVAL_DAYS) return state;
  return {
    ...state,
    scheduledDays: MAXIMUM_INTERVAL_DAYS,
    due: new Date(at.getTime() + MAXIMUM_INTERVAL_DAYS * DAY_MS),
  };
}

function toFsrs(state: CardState): Card {
  return {
    due: state.due,
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: STATUS_TO_FSRS[state.status],
    ...(state.lastReview ? { last_review: state.lastReview } : {}),
  };
}

function fromFsrs(cardId: string, card: Card, introducedAt: Date | null): CardState {
  return {
    cardId,
    status: FSRS_TO_STATUS[card.state],
    due: new Date(card.due.getTime()),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.last_review ? new Date(card.last_review.getTime()) : null,
    introducedAt,
  };
}

/** Reasons a state cannot be real; empty when it is sound. Guards imports and the property test. */
export function cardStateProblems(state: CardState): string[] {
  const problems: string[] = [];
  const finite = (name: string, value: number) => {
    if (!Number.isFinite(value)) problems.push(`${name} is not a finite number`);
  };
  const nonNegativeInt = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 0) problems.push(`${name} must be an integer ≥ 0`);
  };
  if (!CARD_STATUSES.includes(state.status)) problems.push(`unknown status ${state.status}`);
  if (Number.isNaN(state.due.getTime())) problems.push("due is not a date");
  finite("stability", state.stability);
  finite("difficulty", state.difficulty);
  nonNegativeInt("elapsedDays", state.elapsedDays);
  nonNegativeInt("scheduledDays", state.scheduledDays);
  nonNegativeInt("learningSteps", state.learningSteps);
  nonNegativeInt("reps", state.reps);
  nonNegativeInt("lapses", state.lapses);
  if (state.lapses > state.reps) problems.push("more lapses than reps");
  if (state.status === "new") {
    if (state.reps !== 0) problems.push("a new card has reps");
    return problems;
  }
  if (!(state.stability > 0)) problems.push("stability must be > 0 once reviewed");
  if (!(state.difficulty >= 1 && state.difficulty <= 10)) problems.push("difficulty outside 1..10");
  if (state.reps < 1) problems.push("a reviewed card has no reps");
  if (!state.lastReview || Number.isNaN(state.lastReview.getTime())) {
    problems.push("a reviewed card has no last review");
  } else if (state.due.getTime() < state.lastReview.getTime()) {
    problems.push("due before the last review");
  }
  if (!state.introducedAt) problems.push("a reviewed card has no introduction time");
  if (state.scheduledDays > MAXIMUM_INTERVAL_DAYS) problems.push("interval over the maximum");
  return problems;
}

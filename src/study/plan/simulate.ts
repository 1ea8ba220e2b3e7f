import { schedule } from "../scheduler.ts";
import { localDayNumber, localDayStart } from "../time.ts";
import type { CardState } from "../types.ts";

/** Where in a day the plan assumes the candidate studies: midday, clear of both ends. */
const STUDY_HOUR_MS = 12 * 3_600_000;
/** Enough for any FSRS path inside a plan's horizon; a guard, not a limit anyone meets. */
const MAX_STEPS = 64;

export interface ReviewPath {
  /** Reps per day index (0 = today), the day of the first step included. */
  repsByDay: Map<number, number>;
  /** The state after the last rep before the interview: its recall there is the forecast. */
  last: CardState | undefined;
}

/**
 * The reviews a card gets before the interview if the candidate studies it on `startDay`
 * (or from its current state) and answers Good each time it falls due: FSRS's own
 * schedule, with fuzz off so the path depends only on the state and the day.
 */
export function reviewPath(
  state: CardState | undefined,
  startDay: number,
  today: number,
  interviewDay: number,
  offsetMinutes: number,
  desiredRetention: number,
): ReviewPath {
  const repsByDay = new Map<number, number>();
  const end = localDayStart(interviewDay, offsetMinutes).getTime();
  const params = { desiredRetention, enableFuzz: false };
  let current = state;
  let at =
    current && current.status !== "new"
      ? Math.max(current.due.getTime(), middayOf(startDay, offsetMinutes))
      : middayOf(startDay, offsetMinutes);
  for (let step = 0; step < MAX_STEPS && at < end; step++) {
    const day = localDayNumber(at, offsetMinutes);
    current = schedule(current?.cardId ?? "plan", current, "good", new Date(at), params).state;
    const index = day - today;
    repsByDay.set(index, (repsByDay.get(index) ?? 0) + 1);
    const due = current.due.getTime();
    // A step due later the same day is taken then; a later day's review at its midday.
    at =
      localDayNumber(due, offsetMinutes) === day
        ? due
        : Math.max(due, middayOf(localDayNumber(due, offsetMinutes), offsetMinutes));
  }
  return { repsByDay, last: current };
}

function middayOf(day: number, offsetMinutes: number): number {
  return localDayStart(day, offsetMinutes).getTime() + STUDY_HOUR_MS;
}

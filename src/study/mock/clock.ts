import { DAY_MS, MINUTE_MS } from "../time.ts";
import type { MockEnding, MockRecord } from "./types.ts";

/** An answer sent in the last second still arrives after the deadline; this much is let in. */
export const ANSWER_GRACE_MS = 10_000;
/** A finish this close to the deadline is the clock's doing, not the candidate's. */
export const TIME_UP_TOLERANCE_MS = 5_000;
/** A paused mock nobody comes back to is closed after a week. */
export const PAUSE_EXPIRY_MS = 7 * DAY_MS;

type Timed = Pick<MockRecord, "startedAt" | "pausedAt" | "pausedMs" | "plan">;

export function timeLimitMs(mock: Pick<MockRecord, "plan">): number {
  return mock.plan.timeLimitMinutes * MINUTE_MS;
}

/** When time runs out: the start plus the limit plus the time spent paused (so far). */
export function deadlineMs(mock: Timed): number {
  return mock.startedAt.getTime() + timeLimitMs(mock) + mock.pausedMs;
}

/** Interview time left at `now`; frozen while paused. */
export function remainingMs(mock: Timed, now: Date): number {
  const at = mock.pausedAt ? mock.pausedAt.getTime() : now.getTime();
  return Math.max(0, deadlineMs(mock) - at);
}

/** Interview time used at `now`, pauses left out, at most the limit. */
export function elapsedMs(mock: Timed, now: Date): number {
  return Math.min(timeLimitMs(mock), Math.max(0, timeLimitMs(mock) - remainingMs(mock, now)));
}

/** When an untouched mock closes by itself: after its deadline, or a week into a pause. */
export function expiresAtMs(mock: Timed): number {
  return mock.pausedAt
    ? mock.pausedAt.getTime() + PAUSE_EXPIRY_MS
    : deadlineMs(mock) + ANSWER_GRACE_MS;
}

/** How an active mock ends if it is past its expiry at `now`; null while it is still open. */
export function expiryEnding(
  mock: Timed & Pick<MockRecord, "status">,
  now: Date,
): MockEnding | null {
  if (mock.status !== "active" || now.getTime() < expiresAtMs(mock)) return null;
  return mock.pausedAt ? "expired" : "time";
}

/** Why an answer cannot be taken at `now`, or null when it can. */
export function answerRefusal(
  mock: Timed & Pick<MockRecord, "status">,
  now: Date,
): "finished" | "paused" | "time-up" | null {
  if (mock.status !== "active") return "finished";
  if (mock.pausedAt) return "paused";
  if (now.getTime() > deadlineMs(mock) + ANSWER_GRACE_MS) return "time-up";
  return null;
}

/** Who ends a mock finished at `now`: near or past the deadline it was the clock. */
export function endingAt(mock: Timed, now: Date): MockEnding {
  return !mock.pausedAt && remainingMs(mock, now) <= TIME_UP_TOLERANCE_MS ? "time" : "candidate";
}

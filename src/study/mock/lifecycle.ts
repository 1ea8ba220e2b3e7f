import { deadlineMs, endingAt, expiresAtMs, expiryEnding } from "./clock.ts";
import { scoreMock } from "./scoring.ts";
import type { MockAnswer, MockEnding, MockPlan, MockRecord, MockSetup } from "./types.ts";

/**
 * A mock's life as decisions with no I/O: each takes the stored mock and the time and
 * answers its next version (what the store writes), or null when there is nothing to write.
 */
export interface MockChange {
  mock: MockRecord;
  /** Cards to bring forward in the review queue: a finished mock's "review these". */
  queueCardIds?: string[];
  queueAt?: Date;
}

/** A question's key points as text, in order; [] for a question gone from the bank. */
export type KeyPointTexts = (questionId: string) => readonly string[];

export function startMock(id: string, setup: MockSetup, plan: MockPlan, now: Date): MockRecord {
  return {
    id,
    status: "active",
    setup,
    plan,
    startedAt: now,
    pausedAt: null,
    pausedMs: 0,
    answers: [],
    finishedAt: null,
    report: null,
  };
}

/** The first answer to a question is the one that counts; a repeat (a retry) changes nothing. */
export function addAnswer(mock: MockRecord, answer: MockAnswer): MockChange | null {
  if (mock.answers.some((a) => a.questionId === answer.questionId)) return null;
  return { mock: { ...mock, answers: [...mock.answers, answer] } };
}

/**
 * Ends the mock with its report. Time that ran out ends at the deadline (or, for a pause
 * left a week, at its expiry) even when noticed later, so the report does not depend on
 * when someone looked; the missed cards become due at once.
 */
export function finishMock(
  mock: MockRecord,
  now: Date,
  keyPointTexts: KeyPointTexts,
  endedBy: MockEnding = endingAt(mock, now),
): MockChange | null {
  if (mock.status === "finished") return null;
  const endMs =
    endedBy === "time"
      ? Math.min(now.getTime(), deadlineMs(mock))
      : endedBy === "expired"
        ? Math.min(now.getTime(), expiresAtMs(mock))
        : now.getTime();
  const finishedAt = new Date(Math.max(endMs, mock.startedAt.getTime()));
  const report = scoreMock({ mock, endedBy, finishedAt, keyPointTexts });
  return {
    mock: { ...mock, status: "finished", finishedAt, report },
    queueCardIds: report.reviewCardIds,
    queueAt: now,
  };
}

/** Closes a mock left past its time (or paused a week) into a report of what was answered. */
export function expireMock(
  mock: MockRecord,
  now: Date,
  keyPointTexts: KeyPointTexts,
): MockChange | null {
  const ending = expiryEnding(mock, now);
  return ending ? finishMock(mock, now, keyPointTexts, ending) : null;
}

export function pauseMock(mock: MockRecord, now: Date): MockChange | null {
  if (mock.status !== "active" || mock.pausedAt) return null;
  return { mock: { ...mock, pausedAt: now } };
}

export function resumeMock(mock: MockRecord, now: Date): MockChange | null {
  if (mock.status !== "active" || !mock.pausedAt) return null;
  const paused = Math.max(0, now.getTime() - mock.pausedAt.getTime());
  return { mock: { ...mock, pausedAt: null, pausedMs: mock.pausedMs + paused } };
}

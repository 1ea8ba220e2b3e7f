import { describe, expect, it } from "vitest";
import { ANSWER_GRACE_MS, PAUSE_EXPIRY_MS } from "./clock.ts";
import {
  addAnswer,
  expireMock,
  finishMock,
  pauseMock,
  resumeMock,
  startMock,
} from "./lifecycle.ts";
import type { MockAnswer, MockPlan, MockSetup } from "./types.ts";

const T0 = new Date("2025-03-10T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const setup: MockSetup = {
  levels: [],
  topics: [],
  budget: { kind: "questions", count: 2 },
  includeExercises: false,
  preferWeakTopics: false,
  seed: 1,
};
const plan: MockPlan = {
  seed: 1,
  items: ["a", "b"].map((id) => ({
    questionId: id,
    cardId: id,
    kind: "concept" as const,
    level: "fresher" as const,
    topics: ["data"],
    difficulty: 1 as const,
    minutes: 5,
    title: id,
  })),
  totalMinutes: 10,
  timeLimitMinutes: 10,
};
const answer: MockAnswer = {
  kind: "concept",
  questionId: "a",
  answeredAt: at(2),
  durationMs: 120_000,
  text: "one two three",
  rating: "good",
  keyPoints: [true, true, true],
};
const texts = () => ["one", "two", "three"];

describe("a mock's lifecycle", () => {
  const started = startMock("m", setup, plan, T0);

  it("keeps the first answer to a question", () => {
    const one = addAnswer(started, answer);
    expect(one?.mock.answers).toEqual([answer]);
    expect(addAnswer(one?.mock ?? started, { ...answer, text: "again" })).toBeNull();
  });

  it("finishes once, the report due at once in the queue", () => {
    const withAnswer = addAnswer(started, answer)?.mock ?? started;
    const done = finishMock(withAnswer, at(4), texts);
    expect(done?.mock).toMatchObject({ status: "finished", finishedAt: at(4) });
    expect(done?.mock.report).toMatchObject({ endedBy: "candidate", answered: 1, total: 2 });
    expect(done?.queueCardIds).toEqual(["b"]);
    expect(done?.queueAt).toEqual(at(4));
    expect(finishMock(done?.mock ?? started, at(5), texts)).toBeNull();
  });

  it("ends at the deadline when time ran out, whenever it was noticed", () => {
    expect(expireMock(started, at(10), texts)).toBeNull();
    const late = expireMock(started, new Date(at(10).getTime() + ANSWER_GRACE_MS), texts);
    expect(late?.mock.finishedAt).toEqual(at(10));
    expect(late?.mock.report?.endedBy).toBe("time");
    expect(late?.mock.report?.durationMs).toBe(10 * 60_000);
    // A finish a second before the deadline is the clock's too.
    expect(
      finishMock(started, new Date(at(10).getTime() - 1000), texts)?.mock.report?.endedBy,
    ).toBe("time");
  });

  it("pauses and resumes, moving the deadline by the pause; a week's pause expires", () => {
    const paused = pauseMock(started, at(3))?.mock ?? started;
    expect(pauseMock(paused, at(4))).toBeNull();
    const resumed = resumeMock(paused, at(33))?.mock ?? started;
    expect(resumed).toMatchObject({ pausedAt: null, pausedMs: 30 * 60_000 });
    expect(resumeMock(resumed, at(34))).toBeNull();
    const week = new Date(at(3).getTime() + PAUSE_EXPIRY_MS);
    const expired = expireMock(paused, new Date(week.getTime() + 60_000), texts);
    expect(expired?.mock.report?.endedBy).toBe("expired");
    expect(expired?.mock.finishedAt).toEqual(week);
    expect(expired?.mock.report?.durationMs).toBe(3 * 60_000);
  });
});

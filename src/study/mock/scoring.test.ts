import { describe, expect, it } from "vitest";
import { makeQuestion, reviewedState } from "../test-fixtures.ts";
import { gradeSubmission } from "./answers.ts";
import {
  ANSWER_GRACE_MS,
  answerRefusal,
  deadlineMs,
  elapsedMs,
  endingAt,
  expiryEnding,
  PAUSE_EXPIRY_MS,
  remainingMs,
} from "./clock.ts";
import { dueNowState } from "./review-queue.ts";
import { itemScore, PASS_SCORE, scoreMock } from "./scoring.ts";
import type { MockAnswer, MockRecord, PlanItem } from "./types.ts";

const T0 = new Date("2025-03-10T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const item = (questionId: string, extra: Partial<PlanItem> = {}): PlanItem => ({
  questionId,
  cardId: questionId,
  kind: "concept",
  level: "fresher",
  topics: ["data"],
  difficulty: 1,
  minutes: 5,
  title: `What is ${questionId}?`,
  ...extra,
});

const ITEMS: PlanItem[] = [
  item("q1", { topics: ["data", "types"] }),
  item("q2", { kind: "drill", key: "drill-1", cardId: "q2/drill-1", minutes: 2 }),
  item("q3", {
    kind: "exercise",
    key: "exercise-1",
    cardId: "q3/exercise-1",
    minutes: 8,
    level: "intermediate",
    topics: ["types"],
  }),
  item("q4", { minutes: 5, level: "intermediate", topics: ["control"] }),
];

function mock(answers: MockAnswer[], extra: Partial<MockRecord> = {}): MockRecord {
  return {
    id: "m1",
    status: "active",
    setup: {
      levels: [],
      topics: [],
      budget: { kind: "minutes", minutes: 20 },
      includeExercises: true,
      preferWeakTopics: false,
      seed: 7,
    },
    plan: { seed: 7, items: ITEMS, totalMinutes: 20, timeLimitMinutes: 20 },
    startedAt: T0,
    pausedAt: null,
    pausedMs: 0,
    answers,
    finishedAt: null,
    report: null,
    ...extra,
  };
}

const question = makeQuestion("q1", { drills: 1 });
// makeQuestion's key points have the terms "one", "two" and "three"; its drill prints "1".

describe("gradeSubmission", () => {
  it("grades a typed answer on the key points it touches", () => {
    const answer = gradeSubmission(
      ITEMS[0] as PlanItem,
      {
        kind: "concept",
        text: "One and THREE, not the other",
        rating: "good",
        durationMs: 61_000.4,
      },
      question,
      at(1),
    );
    expect(answer).toEqual({
      kind: "concept",
      questionId: "q1",
      answeredAt: at(1),
      durationMs: 61_000,
      text: "One and THREE, not the other",
      rating: "good",
      keyPoints: [true, false, true],
    });
  });

  it("grades a predicted output against the verified one", () => {
    const drill = ITEMS[1] as PlanItem;
    const q = makeQuestion("q2", { drills: 1 });
    const right = gradeSubmission(drill, { kind: "drill", output: "1", durationMs: 5 }, q, at(2));
    expect(right).toMatchObject({ kind: "drill", correct: true, output: "1" });
    const wrong = gradeSubmission(drill, { kind: "drill", output: "2\n", durationMs: 5 }, q, at(2));
    expect(wrong).toMatchObject({ correct: false });
    const gone = gradeSubmission(
      drill,
      { kind: "drill", output: "1", durationMs: 5 },
      undefined,
      at(2),
    );
    expect(gone).toMatchObject({ correct: false });
  });

  it("keeps exercise counts whole and passed within total", () => {
    const answer = gradeSubmission(
      ITEMS[2] as PlanItem,
      { kind: "exercise", code: "def f(): ...", passed: 9, total: 4.7, durationMs: -3 },
      undefined,
      at(3),
    );
    expect(answer).toMatchObject({ passed: 4, total: 4, durationMs: 0 });
  });
});

describe("itemScore", () => {
  const concept = (keyPoints: boolean[], rating: "again" | "good" | null) =>
    ({
      kind: "concept",
      questionId: "q",
      answeredAt: T0,
      durationMs: 0,
      text: "x",
      rating,
      keyPoints,
    }) as const;

  it("halves a concept answer between key points and self-rating", () => {
    expect(itemScore(concept([true, true, false, false], "good"))).toBeCloseTo((0.5 + 2 / 3) / 2);
    expect(itemScore(concept([true, true, false, false], "again"))).toBeCloseTo(0.25);
    // Time ran out before the rating: the key points alone.
    expect(itemScore(concept([true, true, true, false], null))).toBeCloseTo(0.75);
    expect(itemScore(undefined)).toBe(0);
  });

  it("scores drills right or wrong and exercises by the share of tests passed", () => {
    const base = { questionId: "q", answeredAt: T0, durationMs: 0 };
    expect(itemScore({ ...base, kind: "drill", output: "", correct: true })).toBe(1);
    expect(itemScore({ ...base, kind: "exercise", code: "", passed: 3, total: 4 })).toBe(0.75);
    expect(itemScore({ ...base, kind: "exercise", code: "", passed: 0, total: 0 })).toBe(0);
  });
});

describe("scoreMock", () => {
  const answers: MockAnswer[] = [
    {
      kind: "concept",
      questionId: "q1",
      answeredAt: at(4),
      durationMs: 240_000,
      text: "one two three",
      rating: "easy",
      keyPoints: [true, true, true],
    },
    {
      kind: "drill",
      questionId: "q2",
      answeredAt: at(5),
      durationMs: 50_000,
      output: "2",
      correct: false,
    },
    {
      kind: "exercise",
      questionId: "q3",
      answeredAt: at(14),
      durationMs: 540_000,
      code: "def f(): return 1",
      passed: 3,
      total: 4,
    },
  ];
  const report = scoreMock({
    mock: mock(answers),
    endedBy: "time",
    finishedAt: at(25),
    keyPointTexts: (id) => (id === "q4" ? ["first", "second", "third"] : ["a", "b", "c"]),
  });

  it("weights each item by its minutes and counts the unanswered as 0", () => {
    // q1 1.0 × 5, q2 0 × 2, q3 0.75 × 8, q4 unanswered × 5: 11 / 20.
    expect(report.score).toBeCloseTo(11 / 20);
    expect(report).toMatchObject({ answered: 3, total: 4, endedBy: "time" });
    expect(report.durationMs).toBe(20 * 60_000);
    expect(report.timeLimitMs).toBe(20 * 60_000);
  });

  it("scores per topic (weakest first) and per level", () => {
    expect(report.byTopic).toEqual([
      { topic: "control", score: 0, items: 1, answered: 0 },
      { topic: "data", score: 5 / 7, items: 2, answered: 2 },
      { topic: "types", score: (5 + 6) / 13, items: 2, answered: 2 },
    ]);
    expect(report.byLevel).toEqual([
      { level: "fresher", score: 5 / 7, items: 2, answered: 2 },
      { level: "intermediate", score: 6 / 13, items: 2, answered: 1 },
    ]);
  });

  it("lists each item against its target, the key points missed and the cards to review", () => {
    const [q1, q2, q3, q4] = report.items;
    expect(q1).toMatchObject({
      targetMs: 300_000,
      durationMs: 240_000,
      missed: false,
      missedKeyPoints: [],
    });
    expect(q2).toMatchObject({ answered: true, missed: true, score: 0 });
    expect(q3).toMatchObject({ score: 0.75, missed: false });
    expect(q4).toMatchObject({ answered: false, missed: true, answer: null });
    expect(q4?.missedKeyPoints.map((p) => p.text)).toEqual(["first", "second", "third"]);
    expect(report.reviewCardIds).toEqual(["q2/drill-1", "q4"]);
    expect(PASS_SCORE).toBe(0.6);
  });

  it("gives the same report for the same input", () => {
    const again = scoreMock({
      mock: mock(answers),
      endedBy: "time",
      finishedAt: at(25),
      keyPointTexts: (id) => (id === "q4" ? ["first", "second", "third"] : ["a", "b", "c"]),
    });
    expect(again).toEqual(report);
  });
});

describe("the mock's clock", () => {
  it("counts down from the time limit and stops at zero", () => {
    const m = mock([]);
    expect(deadlineMs(m)).toBe(at(20).getTime());
    expect(remainingMs(m, at(5))).toBe(15 * 60_000);
    expect(remainingMs(m, at(30))).toBe(0);
    expect(elapsedMs(m, at(5))).toBe(5 * 60_000);
    expect(elapsedMs(m, at(30))).toBe(20 * 60_000);
  });

  it("freezes while paused and moves the deadline by the pause", () => {
    const paused = mock([], { pausedAt: at(5), pausedMs: 0 });
    expect(remainingMs(paused, at(60))).toBe(15 * 60_000);
    expect(answerRefusal(paused, at(6))).toBe("paused");
    const resumed = mock([], { pausedAt: null, pausedMs: 55 * 60_000 });
    expect(deadlineMs(resumed)).toBe(at(75).getTime());
    expect(remainingMs(resumed, at(60))).toBe(15 * 60_000);
  });

  it("takes answers until a short grace after the deadline, then expires", () => {
    const m = mock([]);
    const deadline = at(20).getTime();
    expect(answerRefusal(m, new Date(deadline + ANSWER_GRACE_MS))).toBeNull();
    expect(answerRefusal(m, new Date(deadline + ANSWER_GRACE_MS + 1))).toBe("time-up");
    expect(expiryEnding(m, at(19))).toBeNull();
    expect(expiryEnding(m, new Date(deadline + ANSWER_GRACE_MS))).toBe("time");
    expect(answerRefusal({ ...m, status: "finished" }, at(1))).toBe("finished");
    const paused = mock([], { pausedAt: at(5) });
    expect(expiryEnding(paused, new Date(at(5).getTime() + PAUSE_EXPIRY_MS - 1))).toBeNull();
    expect(expiryEnding(paused, new Date(at(5).getTime() + PAUSE_EXPIRY_MS))).toBe("expired");
  });

  it("calls a finish near the deadline the clock's, earlier ones the candidate's", () => {
    const m = mock([]);
    expect(endingAt(m, at(10))).toBe("candidate");
    expect(endingAt(m, new Date(at(20).getTime() - 2000))).toBe("time");
  });
});

describe("dueNowState", () => {
  const params = { desiredRetention: 0.9 };

  it("brings a learned card forward and leaves its memory alone", () => {
    const learned = reviewedState("q1", {
      due: at(60 * 24 * 10),
      lastReview: at(-60 * 24 * 2),
      stability: 12,
    });
    const next = dueNowState("q1", learned, at(1), params);
    expect(next).toEqual({ ...learned, due: at(1) });
    expect(dueNowState("q1", { ...learned, due: at(0) }, at(1), params)).toBeNull();
  });

  it("gives a card never studied the state of a first failed rating, due now", () => {
    const next = dueNowState("q9", undefined, at(1), params);
    expect(next).toMatchObject({ cardId: "q9", status: "learning", reps: 1, due: at(1) });
    expect(next?.lastReview).toEqual(at(1));
    expect(next?.introducedAt).toEqual(at(1));
  });
});

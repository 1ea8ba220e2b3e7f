import type { Level } from "../../content/schema.ts";
import { MINUTE_MS } from "../time.ts";
import type { Rating } from "../types.ts";
import { elapsedMs, timeLimitMs } from "./clock.ts";
import type {
  ItemReport,
  MockAnswer,
  MockEnding,
  MockRecord,
  MockReport,
  ScoreGroup,
} from "./types.ts";

/** An item scoring below this is "missed": it goes into the review queue. */
export const PASS_SCORE = 0.6;

/** Self-ratings as a share of full marks. */
const RATING_SCORE: Record<Rating, number> = { again: 0, hard: 1 / 3, good: 2 / 3, easy: 1 };
const LEVEL_RANK: Record<Level, number> = { fresher: 0, intermediate: 1, expert: 2 };

/**
 * One item's score, 0..1. A concept answer is half the share of key points it touched and
 * half the candidate's own rating (all key points when time ran out before rating); a
 * drill is right or wrong; an exercise earns the share of tests that passed.
 */
export function itemScore(answer: MockAnswer | undefined): number {
  if (!answer) return 0;
  switch (answer.kind) {
    case "concept": {
      const total = answer.keyPoints.length;
      const touched = answer.keyPoints.filter(Boolean).length;
      const share = total === 0 ? 0 : touched / total;
      return answer.rating === null ? share : (share + RATING_SCORE[answer.rating]) / 2;
    }
    case "drill":
      return answer.correct ? 1 : 0;
    case "exercise":
      return answer.total === 0 ? 0 : answer.passed / answer.total;
  }
}

export interface ScoreInput {
  mock: Pick<MockRecord, "plan" | "answers" | "startedAt" | "pausedAt" | "pausedMs">;
  endedBy: MockEnding;
  finishedAt: Date;
  /** A question's key points as text, in order; [] for a question gone from the bank. */
  keyPointTexts: (questionId: string) => readonly string[];
}

/**
 * The report: the minutes-weighted score over every planned item (unanswered ones count
 * as 0: the time ran out on them), per topic (an item counts for each of its topics) and
 * per level, each item against its target time, the key points missed, and the cards to
 * review. Pure, so finishing twice gives the same report.
 */
export function scoreMock(input: ScoreInput): MockReport {
  const { mock } = input;
  const answers = new Map(mock.answers.map((answer) => [answer.questionId, answer]));
  const items: ItemReport[] = mock.plan.items.map((item, index) => {
    const answer = answers.get(item.questionId) ?? null;
    const score = itemScore(answer ?? undefined);
    const texts = item.kind === "concept" ? input.keyPointTexts(item.questionId) : [];
    const touched = answer?.kind === "concept" ? answer.keyPoints : [];
    return {
      index,
      questionId: item.questionId,
      cardId: item.cardId,
      kind: item.kind,
      ...(item.key ? { key: item.key } : {}),
      title: item.title,
      level: item.level,
      topics: item.topics,
      targetMs: item.minutes * MINUTE_MS,
      durationMs: answer?.durationMs ?? 0,
      answered: answer !== null,
      score,
      missed: answer === null || score < PASS_SCORE,
      missedKeyPoints: texts
        .map((text, i) => ({ index: i, text }))
        .filter((point) => !touched[point.index]),
      answer,
    };
  });

  const minutesOf = (index: number) => mock.plan.items[index]?.minutes ?? 0;
  const group = (members: readonly ItemReport[]): ScoreGroup => {
    const weight = members.reduce((sum, item) => sum + minutesOf(item.index), 0);
    const points = members.reduce((sum, item) => sum + item.score * minutesOf(item.index), 0);
    return {
      score: weight === 0 ? 0 : points / weight,
      items: members.length,
      answered: members.filter((item) => item.answered).length,
    };
  };
  const byTopicMembers = new Map<string, ItemReport[]>();
  const byLevelMembers = new Map<Level, ItemReport[]>();
  for (const item of items) {
    for (const topic of item.topics) {
      byTopicMembers.set(topic, [...(byTopicMembers.get(topic) ?? []), item]);
    }
    byLevelMembers.set(item.level, [...(byLevelMembers.get(item.level) ?? []), item]);
  }
  const byTopic = [...byTopicMembers]
    .map(([topic, members]) => ({ topic, ...group(members) }))
    .sort((a, b) => a.score - b.score || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  const byLevel = [...byLevelMembers]
    .map(([level, members]) => ({ level, ...group(members) }))
    .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);

  const overall = group(items);
  return {
    score: overall.score,
    answered: overall.answered,
    total: items.length,
    endedBy: input.endedBy,
    durationMs: elapsedMs(mock, input.finishedAt),
    timeLimitMs: timeLimitMs(mock),
    byTopic,
    byLevel,
    items,
    reviewCardIds: [...new Set(items.filter((item) => item.missed).map((item) => item.cardId))],
  };
}

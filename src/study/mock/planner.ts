import type { Level } from "../../content/schema.ts";
import { conceptCardId, partCardId } from "../cards.ts";
import { type Random, seededRandom, shuffled } from "./random.ts";
import type { MockPlan, MockSetup, MockTaskKind, PlanItem, PlannerQuestion } from "./types.ts";

/** How many past mocks "recently seen" looks back over. */
export const RECENT_MOCKS = 5;
/** With weakest topics preferred, a topic with weakness 1 comes up this many times as often. */
export const WEAK_TOPIC_WEIGHT = 4;

export interface PlanInput {
  questions: readonly PlannerQuestion[];
  setup: MockSetup;
  /** Question ids of the candidate's past mocks, most recent first. */
  recentMocks?: readonly (readonly string[])[];
  /** Per topic id, 0 (strong) to 1 (weak); only read when `setup.preferWeakTopics`. */
  weakness?: ReadonlyMap<string, number>;
}

const LEVEL_RANK: Record<Level, number> = { fresher: 0, intermediate: 1, expert: 2 };

/** Questions the set-up allows: its levels and topics (any of a question's topics matches). */
export function eligibleQuestions(
  questions: readonly PlannerQuestion[],
  setup: Pick<MockSetup, "levels" | "topics">,
): PlannerQuestion[] {
  const levels = new Set(setup.levels);
  const topics = new Set(setup.topics);
  return questions.filter(
    (q) =>
      (levels.size === 0 || levels.has(q.level)) &&
      (topics.size === 0 || q.topics.some((topic) => topics.has(topic))),
  );
}

/**
 * Picks the interview's questions. Greedy, one question at a time, each time the best by,
 * in order:
 * 1. not seen in the last mocks (then seen longest ago), so repeats happen only when
 *    nothing unseen fits;
 * 2. the least used main topic, weighted towards weak topics when asked, so topics take
 *    turns;
 * 3. the least used level (for a mix), then the least used difficulty;
 * 4. the seed's shuffle, which breaks every remaining tie.
 * A minutes budget takes questions while one still fits; a count takes that many. The
 * same input always gives the same plan.
 */
export function planMock(input: PlanInput): MockPlan {
  const { setup } = input;
  const random = seededRandom(setup.seed);
  const byId = [...eligibleQuestions(input.questions, setup)].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const pool = shuffled(byId, random);

  const recency = new Map<string, number>();
  (input.recentMocks ?? []).slice(0, RECENT_MOCKS).forEach((ids, age) => {
    for (const id of ids) if (!recency.has(id)) recency.set(id, RECENT_MOCKS - age);
  });
  const weightOf = (topic: string) =>
    setup.preferWeakTopics
      ? 1 + (WEAK_TOPIC_WEIGHT - 1) * clamp01(input.weakness?.get(topic) ?? 0)
      : 1;

  const topicUse = new Map<string, number>();
  const levelUse = new Map<Level, number>();
  const difficultyUse = new Map<number, number>();
  const picked: PlannerQuestion[] = [];
  const used = new Set<string>();
  const wanted = setup.budget.kind === "questions" ? setup.budget.count : Number.POSITIVE_INFINITY;
  let minutesLeft =
    setup.budget.kind === "minutes" ? setup.budget.minutes : Number.POSITIVE_INFINITY;

  while (picked.length < wanted) {
    let best: PlannerQuestion | undefined;
    let bestKey: number[] = [];
    for (const question of pool) {
      if (used.has(question.id) || question.minutes > minutesLeft) continue;
      const main = question.topics[0] ?? "";
      const key = [
        recency.get(question.id) ?? 0,
        ((topicUse.get(main) ?? 0) + 1) / weightOf(main),
        levelUse.get(question.level) ?? 0,
        difficultyUse.get(question.difficulty) ?? 0,
      ];
      // `pool` is in shuffled order, so the first of equals wins: the seed's tie-break.
      if (!best || lessThan(key, bestKey)) {
        best = question;
        bestKey = key;
      }
    }
    if (!best) break;
    picked.push(best);
    used.add(best.id);
    minutesLeft -= best.minutes;
    const main = best.topics[0] ?? "";
    topicUse.set(main, (topicUse.get(main) ?? 0) + 1);
    levelUse.set(best.level, (levelUse.get(best.level) ?? 0) + 1);
    difficultyUse.set(best.difficulty, (difficultyUse.get(best.difficulty) ?? 0) + 1);
  }

  // An interview warms up: easier levels and difficulties first, then the order picked.
  const order = new Map(picked.map((q, i) => [q.id, i]));
  picked.sort(
    (a, b) =>
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      a.difficulty - b.difficulty ||
      (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );
  const kinds = assignKinds(picked, setup.includeExercises);
  const items = picked.map((question, i) => planItem(question, kinds[i] ?? "concept", random));
  const totalMinutes = items.reduce((sum, item) => sum + item.minutes, 0);
  return {
    seed: setup.seed,
    items,
    totalMinutes,
    timeLimitMinutes: setup.budget.kind === "minutes" ? setup.budget.minutes : totalMinutes,
  };
}

/**
 * What each picked question asks for. With exercises, about a third of the items are
 * coding (at least one when any question has a gradable exercise), given to the longest
 * questions; about a quarter of the rest predict an output, given to the shortest; the
 * others are concept questions.
 */
function assignKinds(questions: readonly PlannerQuestion[], includeExercises: boolean) {
  const kinds: MockTaskKind[] = questions.map(() => "concept");
  const indices = questions.map((_, i) => i);
  if (includeExercises) {
    const coding = indices
      .filter((i) => (questions[i]?.exerciseKeys.length ?? 0) > 0)
      .sort((a, b) => (questions[b]?.minutes ?? 0) - (questions[a]?.minutes ?? 0) || a - b);
    const want = Math.max(1, Math.round(questions.length / 3));
    for (const i of coding.slice(0, want)) kinds[i] = "exercise";
  }
  const rest = indices.filter((i) => kinds[i] === "concept");
  const drills = rest
    .filter((i) => (questions[i]?.drillKeys.length ?? 0) > 0)
    .sort((a, b) => (questions[a]?.minutes ?? 0) - (questions[b]?.minutes ?? 0) || a - b);
  for (const i of drills.slice(0, Math.round(rest.length / 4))) kinds[i] = "drill";
  return kinds;
}

function planItem(question: PlannerQuestion, kind: MockTaskKind, random: Random): PlanItem {
  const base = {
    questionId: question.id,
    level: question.level,
    topics: [...question.topics],
    difficulty: question.difficulty,
    minutes: question.minutes,
    title: question.title,
  };
  if (kind === "concept") return { ...base, cardId: conceptCardId(question.id), kind };
  const keys = kind === "drill" ? question.drillKeys : question.exerciseKeys;
  const key = keys[random.int(0, keys.length - 1)] ?? "";
  return { ...base, cardId: partCardId(question.id, key), kind, key };
}

function lessThan(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

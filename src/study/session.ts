import type { Level } from "../content/schema.ts";
import { localDayNumber, localDayStart } from "./time.ts";
import type { CardKind, CardState, StudyCard, StudySettings } from "./types.ts";

export interface SessionFilters {
  /** Overrides the settings' levels in rotation when given and non-empty. */
  levels?: readonly Level[];
  /** Overrides the settings' topics in rotation when given and non-empty. */
  topics?: readonly string[];
}

export interface SessionInput {
  cards: readonly StudyCard[];
  states: readonly CardState[];
  now: Date;
  settings: Pick<StudySettings, "dailyNewLimit" | "levels" | "topics">;
  filters?: SessionFilters;
  /** Minutes east of UTC; decides where "today" starts for the new-card limit. */
  timeZoneOffsetMinutes?: number;
}

export interface SessionItem {
  card: StudyCard;
  /** Undefined for a card never rated. */
  state: CardState | undefined;
}

export interface Session {
  /** Cards due now, most overdue first. */
  due: SessionItem[];
  /** New cards to introduce now, in introduction order. */
  newCards: SessionItem[];
  /** `due` then `newCards`: the order to study in. */
  items: SessionItem[];
  /** New cards first rated today (in any level or topic); they use up the daily limit. */
  newIntroducedToday: number;
  newLimit: number;
  /** Learning cards that fall due later today, so the UI can say "come back in a few minutes". */
  dueLaterToday: number;
}

/**
 * Today's session: due cards first, most overdue first; then new cards up to what
 * is left of the daily limit, fresher before intermediate before expert within a
 * topic and a question's concept card before its drills and exercises. Level and
 * topic filters apply to both; cards no longer in the bank never appear.
 *
 * Runs on every visit to the study screen, over every card of the bank: one pass over
 * the cards, a sort of the due ones by a precomputed number, and only as much of the
 * introduction order as the day still has room for.
 */
export function buildSession(input: SessionInput): Session {
  const { cards, now, settings } = input;
  const offset = input.timeZoneOffsetMinutes ?? 0;
  const nowMs = now.getTime();
  const today = localDayNumber(now, offset);
  const endOfToday = localDayStart(today + 1, offset).getTime();

  const stateById = new Map<string, CardState>();
  let newIntroducedToday = 0;
  for (const state of input.states) {
    stateById.set(state.cardId, state);
    if (state.introducedAt && localDayNumber(state.introducedAt, offset) === today) {
      newIntroducedToday++;
    }
  }

  const levels = pick(input.filters?.levels, settings.levels);
  const topics = pick(input.filters?.topics, settings.topics);

  const due: { item: SessionItem; dueMs: number }[] = [];
  const fresh = new Uint8Array(cards.length);
  let freshCount = 0;
  let dueLaterToday = 0;
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i] as StudyCard;
    if (levels && !levels.has(card.level)) continue;
    if (topics && !card.topics.some((topic) => topics.has(topic))) continue;
    const state = stateById.get(card.id);
    if (!state || state.status === "new") {
      fresh[i] = 1;
      freshCount++;
      continue;
    }
    const dueMs = state.due.getTime();
    if (dueMs <= nowMs) due.push({ item: { card, state }, dueMs });
    else if (dueMs < endOfToday && state.status !== "review") dueLaterToday++;
  }
  due.sort((a, b) => a.dueMs - b.dueMs || compareIds(a.item.card.id, b.item.card.id));
  const dueItems = due.map((entry) => entry.item);

  const newLimit = Math.max(0, settings.dailyNewLimit);
  const room = Math.max(0, newLimit - newIntroducedToday);
  const newCards = (room > 0 && freshCount > 0 ? firstToIntroduce(cards, fresh, room) : []).map(
    (card) => ({ card, state: stateById.get(card.id) }),
  );

  return {
    due: dueItems,
    newCards,
    items: [...dueItems, ...newCards],
    newIntroducedToday,
    newLimit,
    dueLaterToday,
  };
}

const LEVEL_RANK: Record<Level, number> = { fresher: 0, intermediate: 1, expert: 2 };
const KIND_RANK: Record<CardKind, number> = { concept: 0, drill: 1, exercise: 2 };

/**
 * The order new cards are introduced in. Levels go in order (the expert question
 * builds on the fresher one); within a level the topics take turns, so a day's new
 * cards are not all about one thing; within a topic easier questions come first;
 * a question's cards stay together, concept card first.
 */
export function introductionOrder(cards: readonly StudyCard[]): StudyCard[] {
  const byQuestion = new Map<string, StudyCard[]>();
  for (const card of cards) {
    const group = byQuestion.get(card.questionId);
    if (group) group.push(card);
    else byQuestion.set(card.questionId, [card]);
  }
  const questions = [...byQuestion.values()].map((group) =>
    group.sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || compareIds(a.id, b.id)),
  );

  const ordered: StudyCard[] = [];
  for (const level of Object.keys(LEVEL_RANK) as Level[]) {
    const byTopic = new Map<string, StudyCard[][]>();
    for (const group of questions) {
      const head = group[0];
      if (!head || head.level !== level) continue;
      const topic = head.topics[0] ?? "";
      const list = byTopic.get(topic);
      if (list) list.push(group);
      else byTopic.set(topic, [group]);
    }
    const queues = [...byTopic.entries()]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([, groups]) =>
        groups.sort(
          (a, b) =>
            (a[0]?.difficulty ?? 0) - (b[0]?.difficulty ?? 0) ||
            compareIds(a[0]?.questionId ?? "", b[0]?.questionId ?? ""),
        ),
      );
    for (let round = 0; queues.some((queue) => round < queue.length); round++) {
      for (const queue of queues) {
        const group = queue[round];
        if (group) ordered.push(...group);
      }
    }
  }
  return ordered;
}

/**
 * The bank's cards arranged once for `introductionOrder`: per level, per topic (in
 * order), the questions (easier first), each question's cards in order, as indexes into
 * `cards`. A bank's cards do not change while it is loaded, so the arrangement is kept
 * per array; null when a question's cards disagree on level, first topic or difficulty,
 * where the order depends on which of its cards are new and only the full sort is right.
 */
type IntroductionPlan = { size: number; levels: number[][][][] } | null;
const plans = new WeakMap<readonly StudyCard[], IntroductionPlan>();

function introductionPlan(cards: readonly StudyCard[]): IntroductionPlan {
  const known = plans.get(cards);
  if (known !== undefined && (known === null || known.size === cards.length)) return known;
  const byQuestion = new Map<string, number[]>();
  cards.forEach((card, i) => {
    const group = byQuestion.get(card.questionId);
    if (group) group.push(i);
    else byQuestion.set(card.questionId, [i]);
  });
  const at = (i: number) => cards[i] as StudyCard;
  let plan: IntroductionPlan = { size: cards.length, levels: [] };
  const groups = [...byQuestion.values()];
  for (const group of groups) {
    const head = at(group[0] as number);
    const differs = group.some((i) => {
      const card = at(i);
      return (
        card.level !== head.level ||
        (card.topics[0] ?? "") !== (head.topics[0] ?? "") ||
        card.difficulty !== head.difficulty
      );
    });
    if (differs) plan = null;
    group.sort(
      (a, b) => KIND_RANK[at(a).kind] - KIND_RANK[at(b).kind] || compareIds(at(a).id, at(b).id),
    );
  }
  if (plan) {
    for (const level of Object.keys(LEVEL_RANK) as Level[]) {
      const byTopic = new Map<string, number[][]>();
      for (const group of groups) {
        const head = at(group[0] as number);
        if (head.level !== level) continue;
        const topic = head.topics[0] ?? "";
        const list = byTopic.get(topic);
        if (list) list.push(group);
        else byTopic.set(topic, [group]);
      }
      const ordered = [...byTopic.entries()]
        .sort(([a], [b]) => compareIds(a, b))
        .map(([, list]) =>
          list.sort((a, b) => {
            const x = at(a[0] as number);
            const y = at(b[0] as number);
            return x.difficulty - y.difficulty || compareIds(x.questionId, y.questionId);
          }),
        );
      plan.levels.push(ordered);
    }
  }
  plans.set(cards, plan);
  return plan;
}

/**
 * The first `room` cards of `introductionOrder(the new cards)`, where `fresh[i]` marks
 * card i as new: the topics take their turns over the arrangement above, skipping
 * questions with nothing new, and stop as soon as the day is full.
 */
function firstToIntroduce(
  cards: readonly StudyCard[],
  fresh: Uint8Array,
  room: number,
): StudyCard[] {
  const plan = introductionPlan(cards);
  if (!plan) return introductionOrder(cards.filter((_, i) => fresh[i] === 1)).slice(0, room);
  const out: StudyCard[] = [];
  for (const topics of plan.levels) {
    const next = topics.map(() => 0);
    for (let turnTaken = true; turnTaken && out.length < room; ) {
      turnTaken = false;
      for (let t = 0; t < topics.length && out.length < room; t++) {
        const questions = topics[t] as number[][];
        let q = next[t] as number;
        while (q < questions.length && !(questions[q] as number[]).some((i) => fresh[i] === 1)) q++;
        next[t] = q + 1;
        if (q >= questions.length) continue;
        for (const i of questions[q] as number[])
          if (fresh[i] === 1) out.push(cards[i] as StudyCard);
        turnTaken = true;
      }
    }
    if (out.length >= room) break;
  }
  return out.slice(0, room);
}

function pick<T>(
  override: readonly T[] | undefined,
  fallback: readonly T[] | undefined,
): Set<T> | null {
  if (override && override.length > 0) return new Set(override);
  if (fallback && fallback.length > 0) return new Set(fallback);
  return null;
}

/** Code-point order, not locale order: the same on every machine. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

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
  const inScope = (card: StudyCard) =>
    (!levels || levels.has(card.level)) &&
    (!topics || card.topics.some((topic) => topics.has(topic)));

  const due: SessionItem[] = [];
  const fresh: StudyCard[] = [];
  let dueLaterToday = 0;
  for (const card of cards) {
    if (!inScope(card)) continue;
    const state = stateById.get(card.id);
    if (!state || state.status === "new") {
      fresh.push(card);
      continue;
    }
    const dueMs = state.due.getTime();
    if (dueMs <= nowMs) due.push({ card, state });
    else if (dueMs < endOfToday && state.status !== "review") dueLaterToday++;
  }
  due.sort((a, b) => dueTime(a) - dueTime(b) || compareIds(a.card.id, b.card.id));

  const newLimit = Math.max(0, settings.dailyNewLimit);
  const room = Math.max(0, newLimit - newIntroducedToday);
  const newCards = introductionOrder(fresh)
    .slice(0, room)
    .map((card) => ({ card, state: stateById.get(card.id) }));

  return {
    due,
    newCards,
    items: [...due, ...newCards],
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

function pick<T>(
  override: readonly T[] | undefined,
  fallback: readonly T[] | undefined,
): Set<T> | null {
  if (override && override.length > 0) return new Set(override);
  if (fallback && fallback.length > 0) return new Set(fallback);
  return null;
}

function dueTime(item: SessionItem): number {
  return item.state?.due.getTime() ?? 0;
}

/** Code-point order, not locale order: the same on every machine. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

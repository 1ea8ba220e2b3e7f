import type { Level } from "../../content/schema.ts";
import type { PlanScope } from "./types.ts";

/** Whether a card belongs to the interview's scope; empty lists mean everything. */
export function inScope(
  card: { level: Level; topics: readonly string[] },
  scope: PlanScope,
): boolean {
  if (scope.levels.length > 0 && !scope.levels.includes(card.level)) return false;
  if (scope.topics.length > 0 && !card.topics.some((t) => scope.topics.includes(t))) return false;
  return true;
}

/** The topic a card is planned under: the first one that is in scope. */
export function primaryTopic(card: { topics: readonly string[] }, scope: PlanScope): string {
  if (scope.topics.length > 0) {
    const topic = card.topics.find((t) => scope.topics.includes(t));
    if (topic) return topic;
  }
  return card.topics[0] ?? "";
}

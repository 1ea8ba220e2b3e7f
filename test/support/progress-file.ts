import { randomUUID } from "node:crypto";
import { cardStateToJson } from "../../src/store/codec.ts";
import { DEFAULT_SETTINGS } from "../../src/store/settings.ts";
import { EXPORT_FORMAT, EXPORT_VERSION } from "../../src/store/transfer.ts";
import { schedule } from "../../src/study/scheduler.ts";
import { type CardState, RATINGS } from "../../src/study/types.ts";

/**
 * A progress export as PyPrep writes it, made up: `reviews` reviews spread over the
 * given cards every `stepMinutes` from `start`, each state the scheduler's own, so the
 * file passes every check an import makes. For tests of long histories.
 */
export function syntheticExport(options: {
  reviews: number;
  cardIds: readonly string[];
  start?: Date;
  stepMinutes?: number;
}) {
  const start = options.start ?? new Date("2020-01-01T08:00:00.000Z");
  const step = (options.stepMinutes ?? 45) * 60_000;
  const states = new Map<string, CardState>();
  const reviews = [];
  for (let i = 0; i < options.reviews; i++) {
    const cardId = options.cardIds[i % options.cardIds.length] as string;
    const rating = RATINGS[(i * 7 + 3) % 4] as (typeof RATINGS)[number];
    const at = new Date(start.getTime() + i * step);
    const before = states.get(cardId);
    const { state, previousStatus } = schedule(cardId, before, rating, at, {
      desiredRetention: DEFAULT_SETTINGS.desiredRetention,
    });
    states.set(cardId, state);
    reviews.push({
      idempotencyKey: randomUUID(),
      cardId,
      rating,
      reviewedAt: at.toISOString(),
      durationMs: 1_000 + ((i * 389) % 60_000),
      previousStatus,
      stateAfter: cardStateToJson(state),
      grade: i % 3 === 0 ? { kind: "output", correct: i % 2 === 0 } : null,
    });
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(start.getTime() + options.reviews * step).toISOString(),
    userId: "synthetic",
    settings: { ...DEFAULT_SETTINGS, levels: [], topics: [] },
    cardStates: [...states.values()].map(cardStateToJson),
    reviews,
    mockResults: [],
  };
}

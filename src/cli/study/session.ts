import { randomUUID } from "node:crypto";
import type { Question } from "../../content/schema.ts";
import type { Store } from "../../store/store.ts";
import type { SessionItem } from "../../study/session.ts";
import { DAY_MS } from "../../study/time.ts";
import type { CardKind, Rating } from "../../study/types.ts";
import { USER_ID } from "../database.ts";
import { Interrupted } from "../errors.ts";
import { RATING_LABELS } from "../prompts.ts";
import { studyConcept } from "./concept.ts";
import { studyDrill } from "./drill.ts";
import { studyExercise } from "./exercise.ts";
import type { CardContext, CardOutcome } from "./types.ts";
import { progressBar } from "./view.ts";

const VIEWS: Record<CardKind, (ctx: CardContext) => Promise<CardOutcome>> = {
  concept: studyConcept,
  drill: studyDrill,
  exercise: studyExercise,
};

const KIND_LABELS: Record<CardKind, string> = {
  concept: "Concept",
  drill: "Predict the output",
  exercise: "Exercise",
};

export interface SessionRun {
  items: readonly SessionItem[];
  questions: ReadonlyMap<string, Question>;
  store: Store;
  context: Omit<CardContext, "card" | "question">;
}

export interface SessionResult {
  reviewed: { cardId: string; rating: Rating }[];
  /** True when Ctrl-C ended the session before its last card. */
  interrupted: boolean;
}

/**
 * Shows the cards in order and records each answer as it is given, through the
 * store, with a fresh idempotency key: exactly what `POST /api/reviews` does for the
 * web app, so a review made here shows in the local server and the other way round.
 * A card's review is written before the next card is shown, so Ctrl-C at any point
 * keeps every answer given so far and never leaves half a review.
 */
export async function runSession(run: SessionRun): Promise<SessionResult> {
  const { term } = run.context;
  const reviewed: SessionResult["reviewed"] = [];
  let index = 0;
  try {
    for (const item of run.items) {
      const question = run.questions.get(item.card.questionId);
      if (!question) continue;
      index++;
      term.print();
      term.print(
        `${progressBar(term, index - 1, index, run.items.length)}  ${term.paint.dim(
          [KIND_LABELS[item.card.kind], question.level, question.topics.join(", ")].join(
            ` ${term.glyphs.dot} `,
          ),
        )}${item.state ? "" : term.paint.magenta("  new")}`,
      );
      const outcome = await VIEWS[item.card.kind]({ ...run.context, card: item.card, question });
      const recorded = await run.store.recordReview(USER_ID, {
        cardId: item.card.id,
        rating: outcome.rating,
        reviewedAt: new Date(),
        durationMs: Math.min(Math.max(0, Math.round(outcome.durationMs)), DAY_MS),
        idempotencyKey: randomUUID(),
        grade: outcome.grade,
      });
      reviewed.push({ cardId: item.card.id, rating: outcome.rating });
      term.print(
        term.paint.dim(
          `Saved: ${RATING_LABELS[outcome.rating]}, due again ${untilDue(recorded.state.due)}.`,
        ),
      );
      if (run.context.signal.aborted) throw new Interrupted();
    }
  } catch (error) {
    if (error instanceof Interrupted) return { reviewed, interrupted: true };
    throw error;
  }
  return { reviewed, interrupted: false };
}

/** "in 10 minutes", "in 3 days": when the scheduler brings the card back. */
export function untilDue(due: Date, now = Date.now()): string {
  const minutes = Math.max(1, Math.round((due.getTime() - now) / 60_000));
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `in ${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.round(hours / 24);
  return days === 1 ? "tomorrow" : `in ${days} days`;
}

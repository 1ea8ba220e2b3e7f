import { useCallback, useEffect, useRef, useState } from "react";
import type { Question, Rating, ReviewGrade, SessionCard } from "../../api/types.ts";
import { api } from "../api/client.ts";
import { RATING_LABELS } from "../components/rating-bar.tsx";
import { announce } from "../lib/announce.ts";
import { filtersQuery, type StudyFilters } from "../lib/filters.ts";
import { newIdempotencyKey } from "../lib/ids.ts";
import { reviewQueue } from "../offline/queue-instance.ts";
import { fetchSession, sessionUrl } from "./early-session.ts";
import { getQuestion, prefetchQuestions } from "./question-cache.ts";
import { loadSession, localDay, type SavedSession, saveSession } from "./saved-session.ts";

/** What a session is built from: today's due and new cards (filtered), or one question's cards. */
export type SessionSource =
  | { kind: "filters"; filters: StudyFilters }
  | { kind: "question"; questionId: string };

export interface StudySession {
  /** null while the first load runs. */
  session: SavedSession | null;
  /** The card on screen; undefined once the session is done. */
  card: SessionCard | undefined;
  /** The current card's question, once fetched (null while it loads). */
  question: Question | null;
  error: Error | null;
  /** Builds the session afresh from the server. */
  start: () => Promise<void>;
  rate: (rating: Rating, grade: ReviewGrade | undefined, durationMs?: number) => void;
  /** Milliseconds since the current card appeared. */
  elapsedMs: () => number;
}

/** The key a saved session is stored under, and the link that resumes it. */
function describe(source: SessionSource): { key: string; href: string } {
  if (source.kind === "question") {
    return {
      key: `question:${source.questionId}`,
      href: `/study?question=${encodeURIComponent(source.questionId)}`,
    };
  }
  const q = filtersQuery(source.filters);
  return { key: `filters:${q}`, href: `/study${q}` };
}

async function loadCards(source: SessionSource): Promise<SessionCard[]> {
  if (source.kind === "question") {
    // The server builds every SessionCard (titles included); the page only asks for them.
    const question = await getQuestion(source.questionId);
    const answers = await Promise.all(
      question.cards.map((card) =>
        api<{ card: SessionCard }>(
          `/api/cards/${card.id.split("/").map(encodeURIComponent).join("/")}`,
        ),
      ),
    );
    return answers.map((answer) => answer.card);
  }
  const { levels, topics } = source.filters;
  const answer = await fetchSession(sessionUrl(levels, topics));
  return [...answer.due, ...answer.new];
}

/**
 * A study session: built once from `source`, kept in localStorage so it resumes, its
 * current card's question fetched (and the next three prefetched), ratings queued for the
 * server without waiting for it.
 */
export function useStudySession(source: SessionSource): StudySession {
  const { key, href } = describe(source);
  const latestSource = useRef(source);
  latestSource.current = source;
  const [session, setSession] = useState<SavedSession | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const shownAt = useRef(performance.now());

  const start = useCallback(async () => {
    setError(null);
    try {
      const cards = await loadCards(latestSource.current);
      const fresh: SavedSession = {
        version: 1,
        day: localDay(),
        source: key,
        href,
        cards,
        index: 0,
        ratings: [],
      };
      saveSession(fresh);
      setSession(fresh);
    } catch (err) {
      setError(err as Error);
    }
  }, [key, href]);

  useEffect(() => {
    const saved = loadSession(key);
    if (saved && saved.index < saved.cards.length) setSession(saved);
    else void start();
  }, [key, start]);

  const card = session?.cards[session.index];

  useEffect(() => {
    if (!session || !card) return;
    let live = true;
    setQuestion((q) => (q?.id === card.questionId ? q : null));
    getQuestion(card.questionId).then(
      (q) => live && setQuestion(q),
      (err: Error) => live && setError(err),
    );
    prefetchQuestions(
      session.cards.slice(session.index + 1, session.index + 4).map((c) => c.questionId),
    );
    return () => {
      live = false;
    };
  }, [session, card]);

  // The clock starts when the card can be seen: its question has arrived.
  const ready = !!card && question?.id === card.questionId;
  // biome-ignore lint/correctness/useExhaustiveDependencies: restarts for each card shown
  useEffect(() => {
    if (ready) shownAt.current = performance.now();
  }, [ready, card?.id]);

  const elapsedMs = useCallback(() => performance.now() - shownAt.current, []);

  const rate = (rating: Rating, grade: ReviewGrade | undefined, durationMs?: number) => {
    if (!session || !card) return;
    void reviewQueue.add({
      cardId: card.id,
      rating,
      idempotencyKey: newIdempotencyKey(),
      reviewedAt: new Date().toISOString(),
      durationMs: Math.max(0, Math.round(durationMs ?? elapsedMs())),
      ...(grade ? { grade } : {}),
    });
    const next: SavedSession = {
      ...session,
      index: session.index + 1,
      ratings: [...session.ratings, { cardId: card.id, rating }],
    };
    saveSession(next);
    setSession(next);
    announce(
      next.index < next.cards.length
        ? `Rated ${RATING_LABELS[rating]}. Card ${next.index + 1} of ${next.cards.length}.`
        : `Rated ${RATING_LABELS[rating]}. Session complete.`,
    );
  };

  return { session, card, question: ready ? question : null, error, start, rate, elapsedMs };
}

import { useCallback, useEffect, useLayoutEffect, useState } from "react";
import { Link, useSearch } from "wouter";
import type { Question, Rating, ReviewGrade, SessionAnswer, SessionCard } from "../../api/types.ts";
import { api, query } from "../api/client.ts";
import { RATING_LABELS } from "../components/rating-bar.tsx";
import { RequireAccount } from "../components/require-account.tsx";
import { announce } from "../lib/announce.ts";
import { filtersQuery, useFilters } from "../lib/filters.ts";
import { newIdempotencyKey } from "../lib/ids.ts";
import { reviewQueue } from "../offline/queue-instance.ts";
import { ConceptCard } from "../study/concept-card.tsx";
import { DrillCard } from "../study/drill-card.tsx";
import { ExerciseCard } from "../study/exercise-card.tsx";
import { getQuestion, prefetchQuestions } from "../study/question-cache.ts";
import {
  clearSession,
  loadSession,
  localDay,
  type SavedSession,
  saveSession,
} from "../study/saved-session.ts";

/** The cards of one question, for "study this" from the library. */
function questionCards(question: Question): SessionCard[] {
  return question.cards.map((card) => ({
    id: card.id,
    questionId: question.id,
    kind: card.kind,
    ...(card.key ? { key: card.key } : {}),
    level: question.level,
    topics: question.topics,
    question: question.question,
    title: cardTitle(question, card.kind, card.key),
    state: null,
  }));
}

/** A drill or exercise by its own title when it has one, else the question it belongs to. */
function cardTitle(question: Question, kind: SessionCard["kind"], key: string | undefined): string {
  const parts = kind === "drill" ? question.drills : kind === "exercise" ? question.exercises : [];
  return parts.find((part) => part.key === key)?.title || question.question;
}

function useSessionSource() {
  const params = new URLSearchParams(useSearch());
  const filters = useFilters();
  const questionId = params.get("question");
  if (questionId) {
    return {
      source: `question:${questionId}`,
      href: `/study?question=${encodeURIComponent(questionId)}`,
      load: async () => questionCards(await getQuestion(questionId)),
    };
  }
  const q = filtersQuery(filters);
  return {
    source: `filters:${q}`,
    href: `/study${q}`,
    load: async () => {
      const answer = await api<SessionAnswer>(
        `/api/session${query({ level: filters.levels, topic: filters.topics })}`,
      );
      return [...answer.due, ...answer.new];
    },
  };
}

function Session() {
  const { source, href, load } = useSessionSource();
  const [session, setSession] = useState<SavedSession | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` changes with `source`
  const start = useCallback(async () => {
    setError(null);
    try {
      const cards = await load();
      const fresh: SavedSession = {
        version: 1,
        day: localDay(),
        source,
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
  }, [source, href]);

  useEffect(() => {
    const saved = loadSession(source);
    if (saved && saved.index < saved.cards.length) setSession(saved);
    else void start();
  }, [source, start]);

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

  // A new card takes the focus: its answer box if it has one, else its title.
  useLayoutEffect(() => {
    if (!card || question?.id !== card.questionId) return;
    const root = document.querySelector<HTMLElement>(".card");
    const target =
      root?.querySelector<HTMLElement>("[data-autofocus]") ??
      root?.querySelector<HTMLElement>("h2");
    if (target && target.tagName === "H2") target.tabIndex = -1;
    target?.focus();
    // For the benchmark: navigation to the first card on screen.
    if (performance.getEntriesByName("pyprep:first-card").length === 0) {
      performance.mark("pyprep:first-card");
    }
  }, [card, question]);

  const rate = (rating: Rating, grade: ReviewGrade | undefined, durationMs: number) => {
    if (!session || !card) return;
    void reviewQueue.add({
      cardId: card.id,
      rating,
      idempotencyKey: newIdempotencyKey(),
      reviewedAt: new Date().toISOString(),
      durationMs: Math.max(0, Math.round(durationMs)),
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

  if (error) {
    return (
      <section className="panel">
        <h1 tabIndex={-1}>Study</h1>
        <p role="alert">Could not load the session: {error.message}</p>
        <button type="button" onClick={() => void start()}>
          Try again
        </button>
      </section>
    );
  }
  if (!session) return <p aria-busy="true">Loading today's session…</p>;

  const total = session.cards.length;
  if (total === 0 || session.index >= total) {
    const counts = [1, 2, 3, 4].map(
      (r) => [r, session.ratings.filter((x) => x.rating === r).length] as const,
    );
    return (
      <section className="panel" data-testid="session-done">
        <h1 tabIndex={-1}>{total === 0 ? "Nothing to study right now" : "Session complete"}</h1>
        {total === 0 ? (
          <p>
            No cards are due and no new cards are left for today. Browse the{" "}
            <Link href="/library">library</Link>.
          </p>
        ) : (
          <p>
            You reviewed {total} {total === 1 ? "card" : "cards"}:{" "}
            {counts.map(([r, n]) => `${n} ${RATING_LABELS[r as Rating]}`).join(", ")}.
          </p>
        )}
        <p className="row">
          <Link className="button primary" href="/">
            Home
          </Link>
          <button
            type="button"
            onClick={() => {
              clearSession();
              void start();
            }}
          >
            Check for more cards
          </button>
        </p>
      </section>
    );
  }

  return (
    <div className="session">
      <header className="session-head">
        <h1 className="sr-only">Study session</h1>
        <p id="session-progress-label" data-testid="session-progress">
          Card {session.index + 1} of {total}
        </p>
        <progress value={session.index} max={total} aria-labelledby="session-progress-label" />
      </header>
      {card && question?.id === card.questionId ? (
        <div key={card.id}>
          {card.kind === "concept" ? (
            <ConceptCard card={card} question={question} onRate={rate} />
          ) : card.kind === "drill" ? (
            <DrillCard card={card} question={question} onRate={rate} />
          ) : (
            <ExerciseCard card={card} question={question} onRate={rate} />
          )}
          <p className="muted small">
            From <Link href={`/q/${encodeURIComponent(card.questionId)}`}>{card.question}</Link>
          </p>
        </div>
      ) : (
        <p aria-busy="true">Loading the card…</p>
      )}
    </div>
  );
}

export function StudyScreen() {
  return (
    <RequireAccount>
      <Session />
    </RequireAccount>
  );
}

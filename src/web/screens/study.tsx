import { useLayoutEffect } from "react";
import { Link, useSearch } from "wouter";
import { RequireAccount } from "../components/require-account.tsx";
import { useFilters } from "../lib/filters.ts";
import { ConceptCard } from "../study/concept-card.tsx";
import { DrillCard } from "../study/drill-card.tsx";
import { ExerciseCard } from "../study/exercise-card.tsx";
import { clearSession } from "../study/saved-session.ts";
import { SessionDone } from "../study/session-done.tsx";
import { SessionError } from "../study/session-error.tsx";
import { type SessionSource, useStudySession } from "../study/use-study-session.ts";

function useSessionSource(): SessionSource {
  const questionId = new URLSearchParams(useSearch()).get("question");
  const filters = useFilters();
  return questionId ? { kind: "question", questionId } : { kind: "filters", filters };
}

function Session() {
  const { session, card, question, error, start, rate, elapsedMs } = useStudySession(
    useSessionSource(),
  );

  // A new card starts at the top of the page (not at the last card's scroll position) and
  // takes the focus: its answer box if it has one, else its title.
  useLayoutEffect(() => {
    if (!card || !question) return;
    window.scrollTo({ top: 0, left: 0, behavior: "instant" });
    const root = document.querySelector<HTMLElement>(".card");
    const target =
      root?.querySelector<HTMLElement>("[data-autofocus]") ??
      root?.querySelector<HTMLElement>("h2");
    if (target && target.tagName === "H2") target.tabIndex = -1;
    target?.focus({ preventScroll: true });
    // For the benchmark: navigation to the first card on screen.
    if (performance.getEntriesByName("pyprep:first-card").length === 0) {
      performance.mark("pyprep:first-card");
    }
  }, [card, question]);

  if (error) return <SessionError error={error} onRetry={() => void start()} />;
  if (!session) return <p aria-busy="true">Loading today's session…</p>;
  const total = session.cards.length;
  if (!card) {
    return (
      <SessionDone
        session={session}
        onMore={() => {
          clearSession();
          void start();
        }}
      />
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
      {question ? (
        <div key={card.id}>
          {card.kind === "concept" ? (
            <ConceptCard card={card} question={question} onRate={rate} elapsedMs={elapsedMs} />
          ) : card.kind === "drill" ? (
            <DrillCard card={card} question={question} onRate={rate} elapsedMs={elapsedMs} />
          ) : (
            <ExerciseCard card={card} question={question} onRate={rate} elapsedMs={elapsedMs} />
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

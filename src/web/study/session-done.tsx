import { Link } from "wouter";
import type { Rating } from "../../api/types.ts";
import { RATING_LABELS } from "../components/rating-bar.tsx";
import type { SavedSession } from "./saved-session.ts";

/** The end of a session (or a session with nothing in it), and a way to ask for more. */
export function SessionDone({ session, onMore }: { session: SavedSession; onMore: () => void }) {
  const total = session.cards.length;
  const counts = ([1, 2, 3, 4] as const).map(
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
        <button type="button" onClick={onMore}>
          Check for more cards
        </button>
      </p>
    </section>
  );
}

import { Link, useLocation } from "wouter";
import { LEVELS, type SessionAnswer } from "../../api/types.ts";
import { query } from "../api/client.ts";
import { FilterBar } from "../components/filter-bar.tsx";
import { RequireAccount } from "../components/require-account.tsx";
import { filtersQuery, useFilters } from "../lib/filters.ts";
import { LEVEL_LABELS, plural } from "../lib/labels.ts";
import { useApi } from "../lib/use-api.ts";
import { InterviewCountdown } from "../plan/countdown.tsx";
import { clearSession, savedSessionSummary } from "../study/saved-session.ts";

function Today() {
  const filters = useFilters();
  const [, navigate] = useLocation();
  const { data, error, loading } = useApi<SessionAnswer>(
    `/api/session${query({ level: filters.levels, topic: filters.topics })}`,
  );
  const resume = savedSessionSummary();
  const startHref = `/study${filtersQuery(filters)}`;
  const waiting = data ? data.counts.due + data.counts.new : 0;

  return (
    <>
      <h1 tabIndex={-1}>Today</h1>
      <InterviewCountdown />
      <section className="panel hero" aria-labelledby="session-heading">
        <h2 id="session-heading" className="sr-only">
          Today's session
        </h2>
        {error ? <p role="alert">Could not load today's session: {error.message}</p> : null}
        {loading && !data ? <p aria-busy="true">Loading…</p> : null}
        {data ? (
          <>
            <dl className="stat-row">
              <div>
                <dt>Due</dt>
                <dd data-testid="due-count">{data.counts.due}</dd>
              </div>
              <div>
                <dt>New</dt>
                <dd data-testid="new-count">{data.counts.new}</dd>
              </div>
              <div>
                <dt>Streak</dt>
                <dd data-testid="streak">{plural(data.streak, "day")}</dd>
              </div>
            </dl>
            {filters.levels.length === 0 && data.counts.new > 0 ? (
              <p className="muted small" data-testid="level-note">
                New cards come in level order, Fresher first. Pick levels under Focus to study
                others.
              </p>
            ) : null}
            <div className="hero-action">
              {resume ? (
                <>
                  <Link className="button primary large" href={resume.href}>
                    Resume session
                  </Link>
                  <p className="muted small" data-testid="resume-note">
                    {resume.done} of {plural(resume.total, "card")} done.{" "}
                    <Link
                      href={startHref}
                      onClick={() => {
                        clearSession();
                      }}
                    >
                      Start a new one
                    </Link>
                  </p>
                </>
              ) : waiting > 0 ? (
                <Link className="button primary large" href={startHref}>
                  Start session
                </Link>
              ) : (
                <>
                  <p>Nothing is due. Come back tomorrow, or read on.</p>
                  <Link className="button primary large" href="/library">
                    Browse the library
                  </Link>
                </>
              )}
            </div>
            <table className="compact by-level">
              <caption className="sr-only">Cards by level</caption>
              <thead>
                <tr>
                  <th scope="col">Level</th>
                  <th scope="col">Due</th>
                  <th scope="col">New</th>
                </tr>
              </thead>
              <tbody>
                {LEVELS.map((level) => (
                  <tr key={level}>
                    <th scope="row">{LEVEL_LABELS[level]}</th>
                    <td>{data.counts.byLevel[level]?.due ?? 0}</td>
                    <td>{data.counts.byLevel[level]?.new ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="filters-heading">
        <h2 id="filters-heading">Focus</h2>
        <FilterBar
          value={filters}
          onChange={(next) => navigate(`/${filtersQuery(next)}`, { replace: true })}
        />
      </section>
    </>
  );
}

export function HomeScreen() {
  return (
    <RequireAccount>
      <Today />
    </RequireAccount>
  );
}

import { Link, useLocation } from "wouter";
import { LEVELS, type SessionAnswer } from "../../api/types.ts";
import { query } from "../api/client.ts";
import { FilterBar } from "../components/filter-bar.tsx";
import { RequireAccount } from "../components/require-account.tsx";
import { filtersQuery, useFilters } from "../lib/filters.ts";
import { useApi } from "../lib/use-api.ts";
import { savedSessionSummary } from "../study/saved-session.ts";

function Today() {
  const filters = useFilters();
  const [, navigate] = useLocation();
  const { data, error, loading } = useApi<SessionAnswer>(
    `/api/session${query({ level: filters.levels, topic: filters.topics })}`,
  );
  const resume = savedSessionSummary();
  const startHref = `/study${filtersQuery(filters)}`;

  return (
    <>
      <h1 tabIndex={-1}>Today</h1>
      {resume ? (
        <p className="notice">
          You have a session in progress: {resume.done} of {resume.total} cards done.{" "}
          <Link href={resume.href}>Resume it</Link>
        </p>
      ) : null}
      <section className="panel" aria-labelledby="session-heading">
        <h2 id="session-heading">Today's session</h2>
        {error ? <p role="alert">Could not load today's session: {error.message}</p> : null}
        {loading && !data ? <p aria-busy="true">Loading…</p> : null}
        {data ? (
          <>
            <p className="big-numbers">
              <span>
                <strong data-testid="due-count">{data.counts.due}</strong> due
              </span>
              <span>
                <strong data-testid="new-count">{data.counts.new}</strong> new
              </span>
              <span>
                <strong data-testid="streak">{data.streak}</strong>-day streak
              </span>
            </p>
            <table className="compact">
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
                    <th scope="row">{level}</th>
                    <td>{data.counts.byLevel[level]?.due ?? 0}</td>
                    <td>{data.counts.byLevel[level]?.new ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <Link className="button primary" href={startHref}>
                {data.counts.due + data.counts.new > 0
                  ? "Start session"
                  : "Nothing due: open study"}
              </Link>
            </p>
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

import { Link } from "wouter";
import type { StatsAnswer } from "../../api/stats.ts";
import { plural } from "../lib/labels.ts";
import { percent, whenDue } from "./format.ts";

/** The numbers a candidate acts on, each with the action it calls for. */
export function KeyNumbers({ stats }: { stats: StatsAnswer }) {
  return (
    <section className="panel key-numbers" aria-labelledby="key-numbers-h">
      <h2 id="key-numbers-h" className="sr-only">
        At a glance
      </h2>
      <dl className="stat-row">
        <div>
          <dt>Due today</dt>
          <dd data-testid="stat-due">{stats.dueToday}</dd>
        </div>
        <div>
          <dt>Streak</dt>
          <dd data-testid="stat-streak">{plural(stats.streak, "day")}</dd>
        </div>
        <div>
          <dt>Next review</dt>
          <dd data-testid="stat-next">{stats.dueNow > 0 ? "now" : whenDue(stats.nextDue)}</dd>
        </div>
        <div>
          <dt>Retention</dt>
          <dd data-testid="stat-retention">{percent(stats.retention.rate)}</dd>
        </div>
        <div>
          <dt>Mastered</dt>
          <dd data-testid="stat-mastered">{plural(stats.totals.mastered, "card")}</dd>
        </div>
      </dl>
      <p className="row">
        {stats.dueNow > 0 ? (
          <Link className="button primary" href="/study">
            Review {stats.dueNow} due now
            {stats.dueToday > stats.dueNow ? ` (${stats.dueToday} today)` : ""}
          </Link>
        ) : (
          <Link className="button" href="/study">
            Study new cards
          </Link>
        )}
        <Link className="button" href="/mock">
          Start a mock interview
        </Link>
      </p>
    </section>
  );
}

export function WeakestTopics({
  stats,
  topicTitle,
}: {
  stats: StatsAnswer;
  topicTitle: (id: string) => string;
}) {
  const topics = stats.weakestTopics;
  return (
    <section className="panel" aria-labelledby="weakest-h" data-testid="weakest">
      <h2 id="weakest-h">Weakest topics</h2>
      {topics.length === 0 ? (
        <p className="chart-empty">
          Your weakest topics show here once you have studied a few.{" "}
          <Link href="/study">Start studying</Link>.
        </p>
      ) : (
        <ol className="weakest-list">
          {topics.map((t) => (
            <li key={t.topic}>
              <div className="weakest-name">
                <strong>{topicTitle(t.topic)}</strong>
                <span className="muted small">
                  {percent(t.strength)} strength · {t.mastered} of {plural(t.cards, "card")}{" "}
                  mastered
                </span>
                <span className="meter" aria-hidden="true">
                  <span style={{ width: `${Math.round(t.strength * 100)}%` }} />
                </span>
              </div>
              <div className="row weakest-actions">
                <Link className="button small" href={`/study?topic=${encodeURIComponent(t.topic)}`}>
                  Study these<span className="sr-only">: {topicTitle(t.topic)}</span>
                </Link>
                <Link className="button small" href={`/mock?topic=${encodeURIComponent(t.topic)}`}>
                  Mock these<span className="sr-only">: {topicTitle(t.topic)}</span>
                </Link>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

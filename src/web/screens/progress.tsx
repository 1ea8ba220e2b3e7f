import type { ChartConfiguration } from "chart.js";
import { useMemo } from "react";
import type { DayCount, Stats } from "../../api/types.ts";
import { useApp } from "../app-context.tsx";
import { ChartCanvas } from "../components/chart.tsx";
import { RequireAccount } from "../components/require-account.tsx";
import { useApi } from "../lib/use-api.ts";

function css(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function barConfig(days: DayCount[], label: string): ChartConfiguration {
  return {
    type: "bar",
    data: {
      labels: days.map((d) => d.date.slice(5)),
      datasets: [
        { label, data: days.map((d) => d.count), backgroundColor: css("--accent", "#2456c8") },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  };
}

/** The accessible alternative to a chart: the same numbers as a table. */
function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <details className="data-table">
      <summary>{caption}: show as a table</summary>
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={head[i]} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={head[i]}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Dashboard() {
  const { topicTitle } = useApp();
  const { data, error } = useApi<Stats>(`/api/stats?tzOffset=${-new Date().getTimezoneOffset()}`);
  const charts = useMemo(() => {
    if (!data) return null;
    const recent = data.reviewsPerDay.slice(-30);
    return {
      recent,
      reviews: barConfig(recent, "Reviews"),
      forecast: barConfig(data.forecast, "Cards due"),
      mastery: {
        type: "bar",
        data: {
          labels: data.mastery.map((m) => topicTitle(m.topic)),
          datasets: [
            {
              label: "Mastered",
              data: data.mastery.map((m) => m.mastered),
              backgroundColor: css("--ok", "#1a7f37"),
            },
            {
              label: "Learning",
              data: data.mastery.map((m) => m.learning),
              backgroundColor: css("--accent", "#2456c8"),
            },
            {
              label: "Not started",
              data: data.mastery.map((m) => m.total - m.mastered - m.learning),
              backgroundColor: css("--border", "#ccc"),
            },
          ],
        },
        options: {
          indexAxis: "y",
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } },
        },
      } satisfies ChartConfiguration as ChartConfiguration,
    };
  }, [data, topicTitle]);

  if (error) return <p role="alert">Could not load your progress: {error.message}</p>;
  if (!data || !charts) return <p aria-busy="true">Loading…</p>;
  const retention =
    data.retention.rate === null ? "—" : `${Math.round(data.retention.rate * 100)}%`;

  return (
    <>
      <dl className="stat-grid">
        <div>
          <dt>Streak</dt>
          <dd data-testid="stat-streak">{data.streak} days</dd>
        </div>
        <div>
          <dt>Reviews</dt>
          <dd data-testid="stat-reviews">{data.totals.reviews}</dd>
        </div>
        <div>
          <dt>Retention</dt>
          <dd>
            {retention} <span className="muted small">of {data.retention.reviews}</span>
          </dd>
        </div>
        <div>
          <dt>Mastered</dt>
          <dd>
            {data.totals.mastered} <span className="muted small">of {data.totals.cards} cards</span>
          </dd>
        </div>
      </dl>
      <section className="panel" aria-labelledby="reviews-h">
        <h2 id="reviews-h">Reviews per day (last 30 days)</h2>
        <ChartCanvas config={charts.reviews} label="Reviews per day" />
        <DataTable
          caption="Reviews per day"
          head={["Date", "Reviews"]}
          rows={charts.recent.map((d) => [d.date, d.count])}
        />
      </section>
      <section className="panel" aria-labelledby="forecast-h">
        <h2 id="forecast-h">Cards falling due</h2>
        <ChartCanvas config={charts.forecast} label="Forecast of due cards" />
        <DataTable
          caption="Forecast of due cards"
          head={["Date", "Cards due"]}
          rows={data.forecast.map((d) => [d.date, d.count])}
        />
      </section>
      <section className="panel" aria-labelledby="mastery-h">
        <h2 id="mastery-h">Mastery by topic</h2>
        <ChartCanvas config={charts.mastery} label="Mastery by topic" />
        <DataTable
          caption="Mastery by topic"
          head={["Topic", "Mastered", "Learning", "Total"]}
          rows={data.mastery.map((m) => [topicTitle(m.topic), m.mastered, m.learning, m.total])}
        />
      </section>
    </>
  );
}

export default function ProgressScreen() {
  return (
    <>
      <h1 tabIndex={-1}>Progress</h1>
      <RequireAccount>
        <Dashboard />
      </RequireAccount>
    </>
  );
}

import type { ReactNode } from "react";
import { Link } from "wouter";
import type { MockScorePoint, StatsAnswer } from "../../api/stats.ts";
import { LEVELS } from "../../api/types.ts";
import { DayBarChart, dayStart, Legend, TimeLineChart } from "../components/chart.tsx";
import { ChartPanel } from "../components/chart-panel.tsx";
import { LEVEL_LABELS, plural } from "../lib/labels.ts";
import { date, day, percent, spoken } from "./format.ts";

/** The Progress page's charts, one component each; every one has a table and an empty state. */

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export function ReviewsChart({ stats }: { stats: StatsAnswer }) {
  const days = stats.reviewsPerDay;
  const total = sum(days.map((d) => d.count));
  const active = days.filter((d) => d.count > 0).length;
  return (
    <ChartPanel
      title="Reviews per day"
      testId="chart-reviews"
      summary={`${plural(total, "review")} on ${plural(active, "day")} of the last ${days.length}.`}
      empty={
        stats.totals.reviews === 0 ? (
          <p>
            No reviews yet. <Link href="/study">Start today's session</Link> and each day's reviews
            show here.
          </p>
        ) : null
      }
      table={{
        caption: "Reviews per day, last 90 days",
        head: ["Date", "Reviews"],
        rows: days.map((d) => [day(d.date), d.count]),
      }}
    >
      <DayBarChart
        label="reviews"
        days={days.map((d) => ({ date: d.date, values: [d.count] }))}
        series={[{ label: "Reviews", color: "var(--accent)" }]}
      />
    </ChartPanel>
  );
}

export function RetentionChart({ stats }: { stats: StatsAnswer }) {
  const weeks = stats.retentionByWeek;
  const measured = weeks.filter((w) => w.rate !== null);
  return (
    <ChartPanel
      title="Retention by week"
      testId="chart-retention"
      summary={
        stats.retention.rate === null
          ? undefined
          : `You recalled ${percent(stats.retention.rate)} of ${plural(stats.retention.reviews, "review")} of cards you had learned.`
      }
      empty={
        measured.length === 0 ? (
          <p>
            Retention counts reviews of cards you had already learned, so it starts once studied
            cards come back for review, a few days after you first rate them.
          </p>
        ) : null
      }
      table={{
        caption: "Retention by week",
        head: ["Week of", "Reviews of learned cards", "Recalled", "Retention"],
        rows: weeks.map((w) => [day(w.week), w.reviews, w.recalled, percent(w.rate)]),
      }}
    >
      <TimeLineChart
        label="retention"
        points={weeks.map((w) => ({ at: dayStart(w.week), value: w.rate }))}
        span={[dayStart(weeks[0]?.week ?? ""), dayStart(weeks.at(-1)?.week ?? "")]}
      />
    </ChartPanel>
  );
}

export function ForecastChart({ stats }: { stats: StatsAnswer }) {
  const days = stats.forecast;
  const total = sum(days.map((d) => d.count));
  const week = sum(days.slice(0, 7).map((d) => d.count));
  return (
    <ChartPanel
      title="Due in the next 30 days"
      testId="chart-forecast"
      summary={`${plural(days[0]?.count ?? 0, "card")} due today, ${week} this week, ${total} in 30 days.`}
      empty={
        total === 0 ? (
          <p>
            Nothing is scheduled yet. Every card you study gets a due date, and this chart shows
            when they come back.
          </p>
        ) : null
      }
      table={{
        caption: "Cards due per day, next 30 days",
        head: ["Date", "Cards due"],
        rows: days.map((d) => [day(d.date), d.count]),
      }}
    >
      <DayBarChart
        label="forecast"
        days={days.map((d) => ({ date: d.date, values: [d.count] }))}
        series={[{ label: "Cards due", color: "var(--accent)" }]}
      />
    </ChartPanel>
  );
}

const TIME_SERIES = [
  { label: "Reviews", color: "var(--accent)" },
  { label: "Mock interviews", color: "var(--caution)" },
] as const;

export function TimeChart({ stats }: { stats: StatsAnswer }) {
  const days = stats.timePerDay;
  const total = sum(days.map((d) => d.reviewMs + d.mockMs));
  const minutes = (ms: number) => Math.round(ms / 60_000);
  return (
    <ChartPanel
      title="Time spent per day"
      testId="chart-time"
      summary={`${spoken(total)} in the last ${days.length} days.`}
      empty={total === 0 ? <p>Time spent shows here after your first review or mock.</p> : null}
      table={{
        caption: "Minutes spent per day, last 90 days",
        head: ["Date", "Reviews (min)", "Mock interviews (min)"],
        rows: days.map((d) => [day(d.date), minutes(d.reviewMs), minutes(d.mockMs)]),
      }}
    >
      <DayBarChart
        label="time"
        days={days.map((d) => ({ date: d.date, values: [d.reviewMs / 60_000, d.mockMs / 60_000] }))}
        series={TIME_SERIES}
        format={(v) => `${v}m`}
      />
      <Legend series={TIME_SERIES} />
    </ChartPanel>
  );
}

/** Shared with the mock history: scores over time, one point per finished mock. */
export function MockScoresChart({
  scores,
  title = "Mock interview scores",
}: {
  scores: readonly MockScorePoint[];
  title?: string;
}) {
  const last = scores.at(-1);
  return (
    <ChartPanel
      title={title}
      testId="chart-mocks"
      summary={
        last
          ? `${plural(scores.length, "mock interview")}; the last scored ${percent(last.score)}.`
          : undefined
      }
      empty={
        scores.length === 0 ? (
          <p>
            No mock interviews yet. <Link href="/mock">Sit one</Link> and your scores are plotted
            here.
          </p>
        ) : null
      }
      table={{
        caption: "Mock interview scores",
        head: ["Finished", "Score"],
        rows: scores.map((s) => [date(s.finishedAt), percent(s.score)]),
      }}
    >
      <TimeLineChart
        label="mocks"
        points={scores.map((s) => ({ at: new Date(s.finishedAt), value: s.score }))}
      />
    </ChartPanel>
  );
}

/**
 * Topics × levels, weakest topic first; a square's colour grows with its strength (a
 * mastered card counts fully, a card seen but not mastered half).
 */
export function MasteryHeatmap({
  stats,
  topicTitle,
}: {
  stats: StatsAnswer;
  topicTitle: (id: string) => string;
}) {
  const byTopic = new Map<string, { cards: number; seen: number; mastered: number }>();
  for (const cell of stats.masteryByLevel) {
    const t = byTopic.get(cell.topic) ?? { cards: 0, seen: 0, mastered: 0 };
    t.cards += cell.cards;
    t.seen += cell.seen;
    t.mastered += cell.mastered;
    byTopic.set(cell.topic, t);
  }
  const strength = (t: { cards: number; seen: number; mastered: number }) =>
    t.cards === 0 ? 0 : (t.mastered + 0.5 * (t.seen - t.mastered)) / t.cards;
  const topics = [...byTopic]
    .map(([topic, t]) => ({ topic, title: topicTitle(topic), strength: strength(t), ...t }))
    .sort((a, b) => a.strength - b.strength || a.title.localeCompare(b.title));
  const cell = (topic: string, level: (typeof LEVELS)[number]) =>
    stats.masteryByLevel.find((c) => c.topic === topic && c.level === level);
  const started = topics.filter((t) => t.seen > 0).length;
  return (
    <ChartPanel
      title="Mastery by topic and level"
      testId="chart-mastery"
      summary={`${plural(started, "topic")} of ${topics.length} started, weakest first.`}
      empty={
        started === 0 ? (
          <p>
            Every topic is still new. <Link href="/study">Study a few cards</Link> and each topic's
            squares fill in as you master them.
          </p>
        ) : null
      }
      table={{
        caption: "Mastery by topic and level",
        head: ["Topic", ...LEVELS.map((l) => LEVEL_LABELS[l]), "Overall"],
        rows: topics.map((t) => [
          t.title,
          ...LEVELS.map((level) => {
            const c = cell(t.topic, level);
            return c ? `${percent(c.strength)} (${c.mastered} of ${c.cards} mastered)` : "no cards";
          }),
          percent(t.strength),
        ]),
      }}
    >
      <div className="heatmap" aria-hidden="true">
        <span />
        {LEVELS.map((level) => (
          <span key={level} className="heatmap-level">
            <span className="long">{LEVEL_LABELS[level]}</span>
            <span className="short">{LEVEL_LABELS[level].slice(0, 5)}.</span>
          </span>
        ))}
        {topics.map((t) => (
          <Row key={t.topic} title={t.title}>
            {LEVELS.map((level) => {
              const c = cell(t.topic, level);
              if (!c) return <span key={level} className="heat none" />;
              return (
                <span
                  key={level}
                  className={c.seen === 0 ? "heat unseen" : "heat"}
                  style={{
                    background: `color-mix(in srgb, var(--accent) ${Math.round(c.strength * 50)}%, var(--surface))`,
                  }}
                >
                  {c.seen === 0 ? "new" : percent(c.strength)}
                </span>
              );
            })}
          </Row>
        ))}
      </div>
    </ChartPanel>
  );
}

function Row({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <span className="heatmap-topic">{title}</span>
      {children}
    </>
  );
}

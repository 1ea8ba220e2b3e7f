import type { StatsAnswer } from "../../api/stats.ts";
import { useApp } from "../app-context.tsx";
import { RequireAccount } from "../components/require-account.tsx";
import {
  ForecastChart,
  MasteryHeatmap,
  MockScoresChart,
  RetentionChart,
  ReviewsChart,
  TimeChart,
} from "../dashboard/charts.tsx";
import { ReadinessPanel } from "../dashboard/readiness.tsx";
import { KeyNumbers, WeakestTopics } from "../dashboard/summary.tsx";
import { useApi } from "../lib/use-api.ts";
import "../dashboard/dashboard.css";

function Dashboard() {
  const { topicTitle } = useApp();
  const { data, error, reload } = useApi<StatsAnswer>(
    `/api/stats?tzOffset=${-new Date().getTimezoneOffset()}`,
  );
  if (error) {
    return (
      <section className="panel">
        <p role="alert">Could not load your progress: {error.message}</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </section>
    );
  }
  if (!data) return <p aria-busy="true">Loading…</p>;
  return (
    <div className="dashboard" data-testid="dashboard">
      <KeyNumbers stats={data} />
      <div className="dashboard-grid">
        <ReadinessPanel />
        <WeakestTopics stats={data} topicTitle={topicTitle} />
        <MasteryHeatmap stats={data} topicTitle={topicTitle} />
        <ReviewsChart stats={data} />
        <ForecastChart stats={data} />
        <RetentionChart stats={data} />
        <TimeChart stats={data} />
        <MockScoresChart scores={data.mockScores} />
      </div>
    </div>
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

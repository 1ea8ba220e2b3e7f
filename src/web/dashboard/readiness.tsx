import { Link } from "wouter";
import type { ReadinessGroupJson } from "../../api/plan.ts";
import type { Level } from "../../api/types.ts";
import { useApp } from "../app-context.tsx";
import { LEVEL_LABELS, plural } from "../lib/labels.ts";
import { useApi } from "../lib/use-api.ts";
import { countdownText, type PlanAnswer, planPath } from "../plan/api.ts";
import { percent } from "./format.ts";
import "../plan/plan.css";

function Group({ group, name }: { group: ReadinessGroupJson; name: string }) {
  const ready = group.status === "ready";
  return (
    <li data-testid="readiness-row" data-status={group.status}>
      <span>
        <strong>{name}</strong>{" "}
        <span className="muted small">
          {percent(group.expectedRecall)} expected recall
          {group.atRisk > 0 ? ` · ${plural(group.atRisk, "card")} at risk` : ""}
        </span>
      </span>
      <span className={`readiness-badge ${group.status}`}>
        {ready ? "Expected ready" : "At risk"}
      </span>
    </li>
  );
}

/**
 * Readiness for the next interview per level and topic: FSRS's predicted recall on the day if
 * the plan is followed, "expected ready" at or above the bar, "at risk" below it.
 */
export function ReadinessPanel() {
  const { topicTitle } = useApp();
  const { data } = useApi<PlanAnswer>(planPath());
  if (!data?.readiness || !data.plan) {
    return (
      <section className="panel" aria-labelledby="readiness-h" data-testid="readiness">
        <h2 id="readiness-h">Interview readiness</h2>
        <p className="chart-empty">
          Set an interview date to see whether you will be ready.{" "}
          <Link href="/plan">Plan to a date</Link>.
        </p>
      </section>
    );
  }
  const { readiness, plan } = data;
  return (
    <section className="panel" aria-labelledby="readiness-h" data-testid="readiness">
      <h2 id="readiness-h">
        Interview readiness <span className="muted small">({countdownText(plan.daysLeft)})</span>
      </h2>
      <p className="muted small">
        Predicted recall on {readiness.interviewDate} if you follow the plan; ready means at least{" "}
        {percent(readiness.threshold)}.
      </p>
      <h3>By level</h3>
      <ul className="readiness-list" aria-label="Readiness by level">
        {readiness.byLevel.map((g) => (
          <Group key={g.key} group={g} name={LEVEL_LABELS[g.key as Level] ?? g.key} />
        ))}
      </ul>
      <h3>By topic</h3>
      <ul className="readiness-list" aria-label="Readiness by topic">
        {readiness.byTopic.map((g) => (
          <Group key={g.key} group={g} name={topicTitle(g.key)} />
        ))}
      </ul>
    </section>
  );
}

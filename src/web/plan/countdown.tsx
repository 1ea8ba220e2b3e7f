import { Link } from "wouter";
import { plural } from "../lib/labels.ts";
import { useApi } from "../lib/use-api.ts";
import { countdownText, type PlanAnswer, planPath } from "./api.ts";
import "./plan.css";

/** The home page's line about the next interview: how far off, and today's share of the plan. */
export function InterviewCountdown() {
  const { data } = useApi<PlanAnswer>(planPath());
  if (!data) return null;
  if (!data.interview || !data.plan) {
    return (
      <p className="muted small" data-testid="countdown-none">
        Have an interview coming? <Link href="/plan">Plan to a date</Link>.
      </p>
    );
  }
  const { plan, today } = data;
  return (
    <section className="panel countdown" aria-labelledby="countdown-h" data-testid="countdown">
      <h2 id="countdown-h">
        Interview {countdownText(plan.daysLeft)}
        <span className="muted small"> · {data.interview.date}</span>
      </h2>
      <p>
        {today
          ? `Today's plan: ${plural(today.newCardIds.length, "new card")}, about ${plural(today.expectedReviews, "review")}${today.mock ? `, and the ${today.mock.label} mock` : ""}.`
          : "No study days left: good luck."}{" "}
        {plan.feasible ? null : (
          <strong className="warn-text">The plan does not fit your budget.</strong>
        )}{" "}
        <Link href="/plan">See the plan</Link>
      </p>
    </section>
  );
}

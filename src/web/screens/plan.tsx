import { useState } from "react";
import { Link } from "wouter";
import { RequireAccount } from "../components/require-account.tsx";
import { ReadinessPanel } from "../dashboard/readiness.tsx";
import { useApi } from "../lib/use-api.ts";
import { countdownText, type PlanAnswer, planPath } from "../plan/api.ts";
import { CloseForm } from "../plan/close-form.tsx";
import { InterviewForm } from "../plan/interview-form.tsx";
import { PlanDays } from "../plan/plan-days.tsx";
import "../plan/plan.css";

function Plan() {
  const { data, error, reload } = useApi<PlanAnswer>(planPath());
  const [editing, setEditing] = useState(false);
  if (error) {
    return (
      <section className="panel">
        <p role="alert">Could not load the plan: {error.message}</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </section>
    );
  }
  if (!data) return <p aria-busy="true">Loading…</p>;
  const { interview, plan } = data;
  if (!interview || !plan) {
    return (
      <section className="panel" aria-labelledby="set-h">
        <h2 id="set-h">Set an interview</h2>
        <p>Give the date and how long you can study each day; PyPrep plans every day up to it.</p>
        <InterviewForm interview={null} onSaved={reload} />
      </section>
    );
  }
  return (
    <>
      <section className="panel" aria-labelledby="next-h" data-testid="plan-summary">
        <h2 id="next-h">
          Interview {countdownText(plan.daysLeft)}{" "}
          <span className="muted small">· {interview.date}</span>
        </h2>
        {plan.message ? (
          <p className="plan-message" data-testid="plan-message">
            {plan.message}
          </p>
        ) : (
          <p data-testid="plan-fits">
            Everything in scope fits your {interview.minutesPerDay} minutes a day.
          </p>
        )}
        <p className="row">
          <Link className="button primary" href="/study">
            Study today's plan
          </Link>
          <button
            type="button"
            className="button"
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            {editing ? "Stop editing" : "Edit interview"}
          </button>
        </p>
        {editing ? (
          <InterviewForm
            interview={interview}
            onSaved={() => {
              setEditing(false);
              reload();
            }}
          />
        ) : null}
      </section>
      <section className="panel" aria-labelledby="days-h">
        <h2 id="days-h">Day by day</h2>
        <PlanDays plan={plan} />
      </section>
      <ReadinessPanel key={plan.today + JSON.stringify(plan.scope)} />
      <section className="panel" aria-labelledby="close-h">
        <h2 id="close-h">After the interview</h2>
        <CloseForm interview={interview} onClosed={reload} />
      </section>
    </>
  );
}

export default function PlanScreen() {
  return (
    <>
      <h1 tabIndex={-1}>Interview plan</h1>
      <RequireAccount>
        <Plan />
      </RequireAccount>
    </>
  );
}

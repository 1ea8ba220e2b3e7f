import { useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import type { MockList, MockSetupBody } from "../../api/mocks.ts";
import { ApiError } from "../api/client.ts";
import { RequireAccount } from "../components/require-account.tsx";
import { useApi } from "../lib/use-api.ts";
import { startMock } from "../mock/api.ts";
import { MockHistory } from "../mock/history.tsx";
import { type FieldErrors, SetupForm } from "../mock/setup-form.tsx";
import "../dashboard/dashboard.css";
import "../mock/mock.css";

/** `/mock`: set up a mock interview, resume the one in progress, or read past reports. */
function MockHome() {
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const { data, error } = useApi<MockList>("/api/mocks?limit=100");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const running = data?.items.find((m) => m.status === "active");
  const last = data?.items.find((m) => m.setup)?.setup ?? null;

  const start = async (body: MockSetupBody) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setErrors({});
    try {
      const mock = await startMock(body);
      navigate(`/mock/${encodeURIComponent(mock.id)}`);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.details.length > 0) {
        const byField: FieldErrors = {};
        for (const d of err.details) byField[d.field.split(".")[0] ?? d.field] = d.reason;
        setErrors(byField);
        setProblem(`Could not start: ${err.details.map((d) => d.reason).join("; ")}.`);
      } else {
        setProblem(`Could not start: ${(err as Error).message}`);
      }
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>Mock interview</h1>
      <p className="lead">
        A timed interview: questions balanced across topics and levels, one at a time, then a report
        with your answers beside the model ones. What you miss goes into your study queue.
      </p>
      {running ? (
        <div className="notice mock-running" data-testid="mock-running">
          <p>
            You have an interview in progress: {running.answered} of {running.total} answered.
          </p>
          <p className="row">
            <Link className="button primary" href={`/mock/${encodeURIComponent(running.id)}`}>
              Resume it
            </Link>
          </p>
        </div>
      ) : null}
      <section className="panel">
        <SetupForm
          initialTopics={params.getAll("topic")}
          last={last}
          busy={busy}
          errors={errors}
          onStart={(body) => void start(body)}
        />
        {problem ? (
          <p role="alert" className="warn">
            {problem}
          </p>
        ) : null}
      </section>
      {error ? <p role="alert">Could not load your past interviews: {error.message}</p> : null}
      {data ? <MockHistory items={data.items} /> : <p aria-busy="true">Loading your interviews…</p>}
    </>
  );
}

export default function MockScreen() {
  return (
    <RequireAccount>
      <MockHome />
    </RequireAccount>
  );
}

import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "wouter";
import type { Mock } from "../../api/mocks.ts";
import { RequireAccount } from "../components/require-account.tsx";
import { getMock } from "../mock/api.ts";
import { MockReport } from "../mock/report.tsx";
import { MockRun } from "../mock/run.tsx";
import "../dashboard/dashboard.css";
import "../mock/mock.css";

/**
 * `/mock/:id`: the interview while it runs, its report once it is over. The state comes
 * from the server, so leaving and coming back (or reloading) resumes it; the report's
 * URL is this one, and stays.
 */
function MockSession({ id }: { id: string }) {
  const [mock, setMock] = useState<Mock | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const load = useCallback(() => {
    const controller = new AbortController();
    setError(null);
    getMock(id, controller.signal).then(setMock, (err: Error) => {
      if (!controller.signal.aborted) setError(err);
    });
    return () => controller.abort();
  }, [id]);
  useEffect(() => load(), [load]);

  const ended = useCallback((done: Mock) => {
    setMock(done);
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => document.querySelector<HTMLElement>("main h1")?.focus());
  }, []);

  if (error) {
    return (
      <section className="panel">
        <h1 tabIndex={-1}>Mock interview</h1>
        <p role="alert">
          {"status" in error && (error as { status?: number }).status === 404
            ? "There is no such mock interview (or it is not yours)."
            : `Could not load the interview: ${error.message}`}
        </p>
        <p className="row">
          <Link className="button" href="/mock">
            Mock interviews
          </Link>
        </p>
      </section>
    );
  }
  if (!mock) return <p aria-busy="true">Loading the interview…</p>;
  if (mock.status === "finished") return <MockReport mock={mock} />;
  return <MockRun key={mock.id} initial={mock} onEnd={ended} />;
}

export default function MockSessionScreen() {
  const { id } = useParams<{ id: string }>();
  return <RequireAccount>{id ? <MockSession id={id} /> : null}</RequireAccount>;
}

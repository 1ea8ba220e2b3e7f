import { Link } from "wouter";
import type { MockSummary } from "../../api/mocks.ts";
import { MockScoresChart } from "../dashboard/charts.tsx";
import { clock, dateTime, percent } from "../dashboard/format.ts";

/** Past mocks, newest first, with their scores plotted oldest to newest. */
export function MockHistory({ items }: { items: readonly MockSummary[] }) {
  const finished = items.filter((m) => m.status === "finished");
  const scores = finished
    .filter((m) => m.score !== null)
    .map((m) => ({ id: m.id, finishedAt: m.finishedAt ?? m.startedAt, score: m.score ?? 0 }))
    .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt));
  return (
    <>
      <MockScoresChart scores={scores} title="Your scores over time" />
      <section className="panel" aria-labelledby="mock-history-h" data-testid="mock-history">
        <h2 id="mock-history-h">Past interviews</h2>
        {finished.length === 0 ? (
          <p className="chart-empty">No finished interviews yet. Your reports are listed here.</p>
        ) : (
          <div className="table-scroll">
            <table className="compact history-table">
              <thead>
                <tr>
                  <th scope="col">Taken</th>
                  <th scope="col">Score</th>
                  <th scope="col">Answered</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {finished.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.hasReport ? (
                        <Link href={`/mock/${encodeURIComponent(m.id)}`}>
                          {dateTime(m.startedAt)}
                        </Link>
                      ) : (
                        dateTime(m.startedAt)
                      )}
                    </th>
                    <td>{percent(m.score)}</td>
                    <td>{m.hasReport ? `${m.answered} of ${m.total}` : "–"}</td>
                    <td>{clock(m.durationMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

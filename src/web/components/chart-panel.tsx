import { type ReactNode, useId, useState } from "react";

export interface TableView {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

/**
 * A chart with its numbers: the table is always in the page for screen readers (visually
 * hidden while the chart shows), and a button swaps the two on screen. With nothing to
 * show yet, `empty` says what to do instead.
 */
export function ChartPanel({
  title,
  summary,
  table,
  empty,
  children,
  testId,
}: {
  title: string;
  /** One sentence with the chart's main number, shown above it. */
  summary?: ReactNode;
  table: TableView;
  /** Shown instead of the chart and table while there is no data. */
  empty?: ReactNode | null;
  children: ReactNode;
  testId: string;
}) {
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  return (
    <section className="panel chart-panel" aria-labelledby={`${id}-h`} data-testid={testId}>
      <div className="chart-head">
        <h2 id={`${id}-h`}>{title}</h2>
        {empty ? null : (
          <button
            type="button"
            className="ghost small"
            aria-pressed={asTable}
            aria-controls={`${id}-t`}
            onClick={() => setAsTable((v) => !v)}
            data-testid="table-toggle"
          >
            {asTable ? "Show chart" : "Show table"}
          </button>
        )}
      </div>
      {summary && !empty ? <p className="chart-summary">{summary}</p> : null}
      {empty ? (
        <div className="chart-empty" data-testid="chart-empty">
          {empty}
        </div>
      ) : (
        <>
          {asTable ? null : children}
          <div id={`${id}-t`} className={asTable ? "chart-table" : "sr-only"}>
            <DataTable {...table} />
          </div>
        </>
      )}
    </section>
  );
}

export function DataTable({ caption, head, rows }: TableView) {
  return (
    <table className="compact data">
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
  );
}

import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { LEVELS, type QuestionSummary, STATUSES } from "../../api/types.ts";
import { query } from "../api/client.ts";
import { useApp } from "../app-context.tsx";
import { AnkiDownload } from "../components/anki-download.tsx";
import { Html } from "../components/html.tsx";
import { announce } from "../lib/announce.ts";
import { LEVEL_LABELS, plural, STATUS_LABELS } from "../lib/labels.ts";
import { cleanSnippet } from "../lib/snippet.ts";
import { useApi } from "../lib/use-api.ts";

const PAGE = 50;

/** Every question, filtered by level, topic and status, and searched in full text. */
export function LibraryScreen() {
  const { topics, topicTitle, config } = useApp();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const level = params.get("level") ?? "";
  const topic = params.get("topic") ?? "";
  const status = params.get("status") ?? "";
  const q = params.get("q") ?? "";
  const page = Number(params.get("page") ?? "0") || 0;
  const [typed, setTyped] = useState(q);
  const search = useRef<HTMLInputElement>(null);
  const canFilterStatus = config?.mode === "local" || !!config?.user;

  useEffect(() => {
    if (params.get("focus") === "search") search.current?.focus();
  });

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    next.delete("focus");
    next.delete("page");
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const text = next.toString();
    navigate(`/library${text ? `?${text}` : ""}`, { replace: true });
  };

  const filtered = !!(level || topic || status);
  const clearFilters = () => {
    set({ level: "", topic: "", status: "" });
    announce("Filters cleared");
  };

  // Search as you type, but not on every key stroke.
  useEffect(() => {
    if (typed === q) return;
    const timer = setTimeout(() => set({ q: typed.trim() }), 250);
    return () => clearTimeout(timer);
  });

  const { data, error, loading } = useApi<{ total: number; items: QuestionSummary[] }>(
    `/api/questions${query({
      level: level || undefined,
      topic: topic || undefined,
      status: canFilterStatus ? status || undefined : undefined,
      q: q || undefined,
      limit: PAGE,
      offset: page * PAGE,
    })}`,
  );

  return (
    <>
      <h1 tabIndex={-1}>Library</h1>
      <search className="filters library-filters" aria-label="Find questions">
        <label className="field grow">
          <span>Search</span>
          <input
            ref={search}
            type="search"
            value={typed}
            placeholder="e.g. mutable default"
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") set({ q: typed.trim() });
            }}
            aria-keyshortcuts="/"
          />
        </label>
        <label className="field">
          <span>Level</span>
          <select value={level} onChange={(event) => set({ level: event.target.value })}>
            <option value="">All levels</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Topic</span>
          <select value={topic} onChange={(event) => set({ topic: event.target.value })}>
            <option value="">All topics</option>
            {topics?.topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        {canFilterStatus ? (
          <label className="field">
            <span>Status</span>
            <select value={status} onChange={(event) => set({ status: event.target.value })}>
              <option value="">Any status</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </search>
      <div aria-live="polite" className="result-count">
        {error ? <p role="alert">Could not load questions: {error.message}</p> : null}
        {data ? (
          <p data-testid="result-count">
            {plural(data.total, "question")}
            {q ? ` matching “${q}”` : ""}
          </p>
        ) : loading ? (
          <p aria-busy="true">Loading…</p>
        ) : null}
      </div>
      {data && data.total === 0 ? (
        <div className="empty-state" data-testid="no-results">
          <p>
            {filtered
              ? "Nothing matches this search and these filters together."
              : "Nothing matches this search."}{" "}
            Try fewer or shorter words{filtered ? ", or clear the filters" : ""}.
          </p>
          <p className="row">
            {filtered ? (
              <button type="button" className="primary" onClick={clearFilters}>
                Clear filters
              </button>
            ) : null}
            {q ? (
              <button
                type="button"
                onClick={() => {
                  setTyped("");
                  set({ q: "" });
                  search.current?.focus();
                }}
              >
                Clear the search
              </button>
            ) : null}
          </p>
        </div>
      ) : null}
      {data && data.total > 0 ? (
        <ol className="question-list" data-testid="results">
          {data.items.map((item) => (
            <li key={item.id}>
              <Link href={`/q/${encodeURIComponent(item.id)}`} className="question-link">
                {item.question}
              </Link>
              <p className="meta">
                <span className={`badge level-${item.level}`}>{LEVEL_LABELS[item.level]}</span>
                {item.status ? (
                  <span className={`badge status-${item.status}`}>
                    {STATUS_LABELS[item.status]}
                  </span>
                ) : null}
                <span>{item.topics.map(topicTitle).join(", ")}</span>
                <span>· {item.minutes} min</span>
              </p>
              {item.highlights?.map((html, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: highlights are a fixed, ordered list
                <Html key={i} className="highlight" html={cleanSnippet(html)} />
              ))}
            </li>
          ))}
        </ol>
      ) : null}
      {data && data.total > PAGE ? (
        <nav className="row" aria-label="Pages">
          <button
            type="button"
            disabled={page === 0}
            onClick={() => set({ page: String(page - 1) })}
          >
            Previous
          </button>
          <span>
            Page {page + 1} of {Math.ceil(data.total / PAGE)}
          </span>
          <button
            type="button"
            disabled={(page + 1) * PAGE >= data.total}
            onClick={() => set({ page: String(page + 1) })}
          >
            Next
          </button>
        </nav>
      ) : null}
      <AnkiDownload level={level} topic={topic} />
    </>
  );
}

import { useEffect, useId, useRef, useState } from "react";
import { LEVELS, type Level } from "../../api/types.ts";
import { query } from "../api/client.ts";
import { useApp } from "../app-context.tsx";
import { announce } from "../lib/announce.ts";
import { LEVEL_LABELS } from "../lib/labels.ts";

type Status =
  | { kind: "idle" }
  | { kind: "preparing" }
  | { kind: "downloading"; received: number; total: number | null }
  | { kind: "done"; file: string; bytes: number }
  | { kind: "error"; message: string };

const FALLBACK_NAME = "pyprep.apkg";

/**
 * "Download Anki deck": the bank (or the level and topic given) as an .apkg from
 * `GET /api/export/anki`. The server may take a few seconds to build a deck it has not
 * built before, so the button says so, then shows the download's progress, and any
 * failure in words. A native button: Enter and Space work, focus stays on it.
 */
export function AnkiDownload({
  level,
  topic,
  heading,
}: {
  level?: string;
  topic?: string;
  /** Shown as its own panel with this `h2` (Settings); inline without (Library). */
  heading?: string;
}) {
  const { topicTitle } = useApp();
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const controller = useRef<AbortController | null>(null);
  const hintId = useId();
  const headingId = useId();
  const progressId = useId();
  useEffect(() => () => controller.current?.abort(), []);

  const chosenLevel = (LEVELS as readonly string[]).includes(level ?? "")
    ? (level as Level)
    : undefined;
  const scope =
    [chosenLevel && LEVEL_LABELS[chosenLevel], topic && topicTitle(topic)]
      .filter(Boolean)
      .join(" · ") || "Every level and topic";
  const busy = status.kind === "preparing" || status.kind === "downloading";

  const start = async () => {
    if (busy) return;
    const abort = new AbortController();
    controller.current = abort;
    setStatus({ kind: "preparing" });
    try {
      const response = await fetch(
        `/api/export/anki${query({ level: chosenLevel, topic: topic || undefined })}`,
        { credentials: "same-origin", signal: abort.signal },
      );
      if (!response.ok) throw new Error(await failureText(response));
      const total = Number(response.headers.get("content-length")) || null;
      const chunks: Uint8Array[] = [];
      let received = 0;
      setStatus({ kind: "downloading", received, total });
      const reader = response.body?.getReader();
      for (;;) {
        const next = await reader?.read();
        if (!next || next.done) break;
        chunks.push(next.value);
        received += next.value.byteLength;
        setStatus({ kind: "downloading", received, total });
      }
      const file = fileNameOf(response.headers.get("content-disposition"));
      saveFile(new Blob(chunks as BlobPart[], { type: "application/x-apkg" }), file);
      setStatus({ kind: "done", file, bytes: received });
      announce(`Downloaded ${file}. Open it with Anki to import the deck.`);
    } catch (error) {
      if (abort.signal.aborted) return;
      const message =
        error instanceof TypeError
          ? "the server could not be reached. Check the connection and try again."
          : (error as Error).message;
      setStatus({ kind: "error", message });
      announce(`Could not download the Anki deck: ${message}`);
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  };

  const body = (
    <>
      <p className="row">
        <button
          type="button"
          onClick={() => void start()}
          aria-disabled={busy || undefined}
          aria-describedby={hintId}
        >
          {status.kind === "preparing"
            ? "Preparing the deck…"
            : status.kind === "downloading"
              ? "Downloading…"
              : "Download Anki deck"}
        </button>
        <span id={hintId} className="hint">
          {scope}: an .apkg file for Anki. Importing a newer one updates the notes and keeps your
          Anki reviews.
        </span>
      </p>
      {busy ? (
        <p className="row small muted">
          <label htmlFor={progressId}>
            {status.kind === "preparing" ? "Building the deck" : "Downloading"}
          </label>
          <progress
            id={progressId}
            style={{ accentColor: "var(--accent)" }}
            {...(status.kind === "downloading" && status.total
              ? { max: status.total, value: status.received }
              : {})}
          />
          {status.kind === "downloading" && status.total ? (
            <span>{Math.round((100 * status.received) / status.total)}%</span>
          ) : null}
        </p>
      ) : null}
      {status.kind === "error" ? (
        <p className="warn" role="alert" data-testid="anki-download-error">
          Could not download the Anki deck: {status.message}
        </p>
      ) : null}
      {status.kind === "done" ? (
        <p className="ok small" data-testid="anki-download-done">
          Saved {status.file} ({Math.max(1, Math.round(status.bytes / 1024))} KB). In Anki: File ›
          Import.
        </p>
      ) : null}
    </>
  );
  return heading ? (
    <section
      className="panel anki-download"
      data-testid="anki-download"
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>{heading}</h2>
      {body}
    </section>
  ) : (
    <div
      className="anki-download"
      data-testid="anki-download"
      style={{ marginTop: "var(--space-5)" }}
    >
      {body}
    </div>
  );
}

/** The server's `{error}` in words, or the status line if the answer is not ours. */
async function failureText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: string };
    if (body.error) return body.error;
  } catch {
    // not JSON: fall through
  }
  return `the server answered ${response.status} ${response.statusText}`.trim();
}

function fileNameOf(disposition: string | null): string {
  const name = /filename="([^"]+)"/.exec(disposition ?? "")?.[1];
  return name && /^[\w.-]+\.apkg$/.test(name) ? name : FALLBACK_NAME;
}

/** Hands the bytes to the browser as a download, then frees them. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

import { type FormEvent, useEffect, useRef, useState } from "react";
import { LEVELS, type Level, type Settings, type Theme } from "../../api/types.ts";
import { ApiError, api } from "../api/client.ts";
import { useApp } from "../app-context.tsx";
import { AnkiDownload } from "../components/anki-download.tsx";
import { RequireAccount } from "../components/require-account.tsx";
import { announce } from "../lib/announce.ts";
import { LEVEL_LABELS, plural } from "../lib/labels.ts";
import { applyTheme } from "../lib/theme.ts";
import { useApi } from "../lib/use-api.ts";

const THEME_LABELS: Record<Theme, string> = {
  system: "Same as the system",
  light: "Light",
  dark: "Dark",
};

function SettingsForm({ initial }: { initial: Settings }) {
  const { topics } = useApp();
  const [form, setForm] = useState(initial);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const saved = await api<Settings>("/api/settings", { method: "PUT", body: form });
      setForm(saved);
      applyTheme(saved.theme);
      setMessage({ ok: true, text: "Settings saved." });
    } catch (error) {
      const details =
        error instanceof ApiError && error.details.length > 0
          ? `: ${error.details.map((d) => `${d.field} ${d.reason}`).join("; ")}`
          : "";
      setMessage({
        ok: false,
        text: `Could not save${details || `: ${(error as Error).message}`}`,
      });
    } finally {
      setSaving(false);
    }
  };

  // The theme is saved the moment it is chosen: the server's setting is the one truth, and
  // every browser signed in to it paints with it (localStorage only speeds the first paint).
  const chooseTheme = async (theme: Theme) => {
    setForm((f) => ({ ...f, theme }));
    applyTheme(theme);
    try {
      await api<Settings>("/api/settings", { method: "PUT", body: { theme } });
      setMessage({ ok: true, text: `Theme: ${THEME_LABELS[theme]}. Saved.` });
    } catch (error) {
      setMessage({ ok: false, text: `Could not save the theme: ${(error as Error).message}` });
    }
  };

  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

  return (
    <form className="panel settings" onSubmit={save} aria-labelledby="study-settings-h">
      <h2 id="study-settings-h">Study</h2>
      <label className="field">
        <span>New cards per day</span>
        <input
          type="number"
          min={1}
          max={200}
          required
          value={form.dailyNewLimit}
          onChange={(e) => setForm({ ...form, dailyNewLimit: Number(e.target.value) })}
        />
      </label>
      <label className="field">
        <span>Desired retention: {Math.round(form.desiredRetention * 100)}%</span>
        <input
          type="range"
          min={0.7}
          max={0.99}
          step={0.01}
          value={form.desiredRetention}
          onChange={(e) => setForm({ ...form, desiredRetention: Number(e.target.value) })}
        />
      </label>
      <fieldset>
        <legend>Levels in rotation (none ticked: all)</legend>
        {LEVELS.map((level: Level) => (
          <label key={level} className="check">
            <input
              type="checkbox"
              checked={form.levels.includes(level)}
              onChange={() => setForm({ ...form, levels: toggle(form.levels, level) })}
            />
            {LEVEL_LABELS[level]}
          </label>
        ))}
      </fieldset>
      <fieldset className="topics">
        <legend>Topics in rotation (none ticked: all)</legend>
        {topics?.topics.map((topic) => (
          <label key={topic.id} className="check">
            <input
              type="checkbox"
              checked={form.topics.includes(topic.id)}
              onChange={() => setForm({ ...form, topics: toggle(form.topics, topic.id) })}
            />
            {topic.title}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Theme</legend>
        {(["system", "light", "dark"] as Theme[]).map((theme) => (
          <label key={theme} className="check">
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={form.theme === theme}
              onChange={() => void chooseTheme(theme)}
            />
            {THEME_LABELS[theme]}
          </label>
        ))}
      </fieldset>
      <p className="row">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? "Saving…" : "Save settings"}
        </button>
      </p>
      <output className={`block ${message?.ok === false ? "warn" : "ok"}`}>{message?.text}</output>
    </form>
  );
}

/** What went wrong with an import, in words: never a raw JSON.parse message. */
interface ImportStatus {
  ok: boolean;
  text: string;
  details?: { field: string; reason: string }[];
}

async function checkJson(file: File): Promise<ImportStatus | null> {
  try {
    JSON.parse(await file.text());
    return null;
  } catch (error) {
    const cut = /end of (JSON )?input|unterminated|unexpected end/i.test(String(error));
    return {
      ok: false,
      text: `“${file.name}” is not a PyPrep progress file: it is not valid JSON${
        cut ? " (it ends early; was the download cut short?)" : ""
      }. Choose a file made by Export progress.`,
    };
  }
}

function Transfer() {
  const file = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const importFile = async () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setStatus({ ok: false, text: "Choose a progress file first." });
      return;
    }
    setBusy(true);
    try {
      const problem = await checkJson(chosen);
      if (problem) {
        setStatus(problem);
        return;
      }
      const answer = await api<{
        imported: { reviews: number; cards: number; interviews: number };
        skipped: number;
      }>("/api/progress/import", { method: "POST", body: chosen });
      const interviews =
        answer.imported.interviews > 0
          ? ` and ${plural(answer.imported.interviews, "interview")}`
          : "";
      setStatus({
        ok: true,
        text: `Imported ${plural(answer.imported.reviews, "review")} of ${plural(answer.imported.cards, "card")}${interviews}; ${answer.skipped} already here.`,
      });
    } catch (error) {
      setStatus({
        ok: false,
        text: `Import failed: ${(error as Error).message}`,
        ...(error instanceof ApiError && error.details.length > 0
          ? { details: error.details }
          : {}),
      });
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (status) announce(status.text);
  }, [status]);
  return (
    <section className="panel" aria-labelledby="transfer-h">
      <h2 id="transfer-h">Your progress</h2>
      <p>Export everything you have reviewed as JSON, and import it here or on another machine.</p>
      <p className="row">
        <a className="button" href="/api/progress/export" download="pyprep-progress.json">
          Export progress
        </a>
      </p>
      <div className="row import-row">
        <label className="field file-field">
          <span>Import a progress file</span>
          <input ref={file} type="file" accept="application/json,.json" />
        </label>
        <button type="button" onClick={() => void importFile()} aria-disabled={busy || undefined}>
          {busy ? "Importing…" : "Import"}
        </button>
      </div>
      <output
        className={`block ${status?.ok === false ? "warn" : "ok"}`}
        data-testid="import-status"
      >
        {status?.text}
        {status?.details ? (
          <ul className="details">
            {status.details.map((d) => (
              <li key={`${d.field}:${d.reason}`}>
                <code>{d.field}</code> {d.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </output>
    </section>
  );
}

function SettingsBody() {
  const { data, error } = useApi<Settings>("/api/settings");
  if (error) return <p role="alert">Could not load settings: {error.message}</p>;
  if (!data) return <p aria-busy="true">Loading…</p>;
  return (
    <>
      <SettingsForm initial={data} />
      <Transfer />
      <AnkiDownload heading="Anki deck" />
    </>
  );
}

export function SettingsScreen() {
  return (
    <>
      <h1 tabIndex={-1}>Settings</h1>
      <RequireAccount>
        <SettingsBody />
      </RequireAccount>
    </>
  );
}

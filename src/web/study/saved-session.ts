import type { Rating, SessionCard } from "../../api/types.ts";

/**
 * The session in progress, kept in localStorage so leaving the page (or the browser)
 * and coming back resumes at the same card. It is keyed by what the session was built
 * from (filters or one question) and by the local day; tomorrow starts afresh.
 */
export interface SavedSession {
  version: 1;
  day: string;
  /** `filters:?level=fresher` or `question:list-vs-tuple` */
  source: string;
  href: string;
  cards: SessionCard[];
  index: number;
  ratings: { cardId: string; rating: Rating }[];
}

const KEY = "pyprep.session";

export function localDay(date = new Date()): string {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 10);
}

export function loadSession(source: string): SavedSession | null {
  const saved = readSaved();
  if (!saved || saved.source !== source || saved.day !== localDay()) return null;
  return saved;
}

export function saveSession(session: SavedSession): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** For Home's "resume" notice: only an unfinished session from today. */
export function savedSessionSummary(): { done: number; total: number; href: string } | null {
  const saved = readSaved();
  if (!saved || saved.day !== localDay() || saved.index >= saved.cards.length) return null;
  return { done: saved.index, total: saved.cards.length, href: saved.href };
}

function readSaved(): SavedSession | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? "null") as SavedSession | null;
    return parsed?.version === 1 ? parsed : null;
  } catch {
    return null;
  }
}

import { LEVELS, type SessionAnswer } from "../../api/types.ts";
import { api, query } from "../api/client.ts";
import { getQuestion } from "./question-cache.ts";
import { loadSession } from "./saved-session.ts";

/**
 * The study screen's first requests, sent when this module loads (with the entry bundle,
 * before React renders) instead of after `/api/config` has answered and the screen has
 * mounted: navigation to the first card then costs one round trip for the session and
 * one for its first question, each started as early as it can be.
 */
const early = new Map<string, Promise<SessionAnswer | null>>();

/** `/api/session?…` for these filters: the key an early answer is kept under. */
export function sessionUrl(levels: readonly string[], topics: readonly string[]): string {
  return `/api/session${query({ level: [...levels], topic: [...topics] })}`;
}

/**
 * Today's session: the answer fetched early for this URL, once, if it succeeded;
 * otherwise a fresh request (an early 401 from before signing in must not stick).
 */
export async function fetchSession(url: string): Promise<SessionAnswer> {
  const pending = early.get(url);
  early.delete(url);
  return (await pending) ?? api<SessionAnswer>(url);
}

function startEarly(location: Location): void {
  if (location.pathname !== "/study") return;
  const params = new URLSearchParams(location.search);
  const questionId = params.get("question");
  if (questionId) {
    void getQuestion(questionId).catch(() => undefined);
    return;
  }
  const levels = params.getAll("level").filter((l) => (LEVELS as readonly string[]).includes(l));
  const topics = params.getAll("topic");
  const filters = new URLSearchParams();
  for (const level of levels) filters.append("level", level);
  for (const topic of topics) filters.append("topic", topic);
  const text = filters.toString();
  // A session in progress resumes from localStorage: only its card's question is needed.
  const saved = loadSession(`filters:${text ? `?${text}` : ""}`);
  const current = saved?.cards[saved.index];
  if (current) {
    void getQuestion(current.questionId).catch(() => undefined);
    return;
  }
  const url = sessionUrl(levels, topics);
  const answer = api<SessionAnswer>(url).then(
    (session) => {
      const first = session.due[0] ?? session.new[0];
      if (first) void getQuestion(first.questionId).catch(() => undefined);
      return session;
    },
    () => null,
  );
  early.set(url, answer);
}

if (typeof window !== "undefined") startEarly(window.location);

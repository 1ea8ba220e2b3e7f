import type { InterviewBody, InterviewJson, PlanAnswer } from "../../api/plan.ts";
import { api } from "../api/client.ts";

/** The browser's offset, minutes east of UTC, as every dated endpoint takes it. */
export const tzOffset = () => -new Date().getTimezoneOffset();

export const planPath = () => `/api/plan?tzOffset=${tzOffset()}`;

export function saveInterview(id: string | null, body: Partial<InterviewBody>) {
  return id
    ? api<{ interview: InterviewJson }>(`/api/interviews/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body,
      })
    : api<{ interview: InterviewJson }>("/api/interviews", { method: "POST", body });
}

export function closeInterview(id: string, outcome: string, notes: string) {
  return api<{ interview: InterviewJson }>(`/api/interviews/${encodeURIComponent(id)}/close`, {
    method: "POST",
    body: { outcome, notes: notes.trim() === "" ? null : notes },
  });
}

export type { PlanAnswer };

/** "in 14 days", "tomorrow", "today". */
export function countdownText(daysLeft: number): string {
  if (daysLeft <= 0) return "today";
  if (daysLeft === 1) return "tomorrow";
  return `in ${daysLeft} days`;
}

/** `Mon 2 Mar` for a `YYYY-MM-DD` day, read as a calendar day (no zone shift). */
export function dayLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
}

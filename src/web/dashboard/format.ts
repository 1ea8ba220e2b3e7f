/** How the dashboard and the mock screens write numbers and times. */

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? "–" : `${Math.round(share * 100)}%`;
}

/** 754_000 → "12:34"; an hour and more → "1:02:03". */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A length a person says: "45 s", "12 min", "1 h 5 min". */
export function spoken(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
});
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** An instant as a date: "3 Mar 2025". */
export function date(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function dateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** A local day key (`2025-03-03`) as "Mon, 3 Mar", never shifted by the time zone. */
export function day(key: string): string {
  return dayFormat.format(new Date(`${key}T00:00:00Z`));
}

/** When the next card falls due, said relative to now: "now", "in 3 hours", "tomorrow, 09:00". */
export function whenDue(iso: string | null, now = new Date()): string {
  if (iso === null) return "none yet";
  const at = new Date(iso);
  const ms = at.getTime() - now.getTime();
  if (ms <= 0) return "now";
  if (ms < 3_600_000) return `in ${Math.max(1, Math.round(ms / 60_000))} min`;
  const startOfToday = new Date(now);
  startOfToday.setHours(0, 0, 0, 0);
  const days = Math.floor((at.getTime() - startOfToday.getTime()) / 86_400_000);
  if (days === 0) return `today, ${timeFormat.format(at)}`;
  if (days === 1) return `tomorrow, ${timeFormat.format(at)}`;
  return dateFormat.format(at);
}

/**
 * Calendar days in the candidate's zone without a time-zone database: the caller
 * passes the offset (minutes east of UTC, i.e. `-new Date().getTimezoneOffset()`).
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Days since the Unix epoch in local time: the integer every per-day count is keyed on. */
export function localDayNumber(at: Date | number, offsetMinutes = 0): number {
  const ms = typeof at === "number" ? at : at.getTime();
  return Math.floor((ms + offsetMinutes * MINUTE_MS) / DAY_MS);
}

/** The UTC instant at which local day `day` begins. */
export function localDayStart(day: number, offsetMinutes = 0): Date {
  return new Date(day * DAY_MS - offsetMinutes * MINUTE_MS);
}

/** `2025-03-14` for a local day number. */
export function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

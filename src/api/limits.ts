/**
 * Bounds on what clients send, shared by the API routes, the progress import and the web
 * app (so a form can say what the server will accept). Constants only.
 *
 * The store checks its own, looser storage limits (a column's range); these are the
 * product's: what a real review, setting or file can look like.
 */

/** No PyPrep review predates this; an earlier date is a bug or a forgery (issue 13). */
export const EARLIEST_DATE_ISO = "2000-01-01T00:00:00.000Z";
export const EARLIEST_DATE_MS = Date.parse(EARLIEST_DATE_ISO);
/** A client clock a little ahead is normal; a review from tomorrow is a bug or a lie. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** One review (or mock interview) takes at most a day; longer is a clock that jumped. */
export const MAX_DURATION_MS = 86_400_000;
/** A scheduled due date is at most this far past the last review (FSRS's cap is 3,650 days). */
export const MAX_DUE_AHEAD_MS = 3_700 * 86_400_000;
/** Display names are shown in every answer to /api/config, so they stay short. */
export const MAX_DISPLAY_NAME_LENGTH = 100;
/** Nesting inside a JSON body or an imported grade; real ones are two or three deep. */
export const MAX_JSON_DEPTH = 32;
/**
 * How far ahead of this server's clock an imported timestamp may be: another device's
 * clock may run ahead, but not by more than a day.
 */
export const MAX_IMPORT_CLOCK_SKEW_MS = 86_400_000;

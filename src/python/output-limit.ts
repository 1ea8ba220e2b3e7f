import { MAX_OUTPUT_LIMIT_BYTES, OUTPUT_LIMIT_BYTES, OUTPUT_TRUNCATED_MARKER } from "./types.ts";

/**
 * The cap a run asked for, kept within 1 byte and MAX_OUTPUT_LIMIT_BYTES: the host holds up
 * to this much of each stream in memory, so no request may lift it unbounded.
 */
export function outputLimitOf(request: { outputLimitBytes?: number }): number {
  const asked = request.outputLimitBytes;
  if (asked === undefined || !Number.isFinite(asked)) return OUTPUT_LIMIT_BYTES;
  return Math.min(MAX_OUTPUT_LIMIT_BYTES, Math.max(1, Math.floor(asked)));
}

/** `64 KB (65,536 bytes)`: how limits are named to people, in words and in exact bytes. */
export function describeBytes(bytes: number): string {
  const kb = bytes / 1024;
  const size = kb >= 1024 ? `${+(kb / 1024).toFixed(2)} MB` : `${+kb.toFixed(2)} KB`;
  return `${size} (${bytes.toLocaleString("en")} bytes)`;
}

/** What ends stdout cut at `limitBytes`, so what is shown never passes for the whole output. */
export function truncatedMarker(limitBytes: number): string {
  if (limitBytes === OUTPUT_LIMIT_BYTES) return OUTPUT_TRUNCATED_MARKER;
  return `\n[output stopped: over the ${describeBytes(limitBytes)} limit]\n`;
}

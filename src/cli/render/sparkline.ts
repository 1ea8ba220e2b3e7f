import type { Terminal } from "../terminal.ts";

/**
 * One character per value, its height proportional to the largest value; zero is
 * always the lowest bar (or a space, so quiet days read as gaps).
 */
export function sparkline(term: Terminal, values: readonly number[]): string {
  const bars = term.glyphs.bars;
  const max = Math.max(0, ...values);
  return values
    .map((value) => {
      if (value <= 0 || max === 0) return term.unicode ? bars[0] : " ";
      const level = Math.max(1, Math.ceil((value / max) * (bars.length - 1)));
      return bars[level];
    })
    .join("");
}

import { stripVTControlCharacters } from "node:util";
import type { z } from "zod";
import type { Terminal } from "./terminal.ts";

/**
 * `--json` output: the value, typed by the command's exported zod schema (which the
 * tests validate against), pretty-printed, never coloured.
 */
export function printJson<S extends z.ZodType>(
  term: Terminal,
  _schema: S,
  value: z.input<S>,
): void {
  term.out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Cuts `text` to `width` columns with an ellipsis; the bank's text is plain, no escapes. */
export function truncate(text: string, width: number, term: Terminal): string {
  if (width <= 0) return "";
  if (text.length <= width) return text;
  const mark = term.unicode ? "…" : "...";
  return `${text.slice(0, Math.max(0, width - mark.length))}${mark}`;
}

const visible = (text: string) => stripVTControlCharacters(text).length;
const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - visible(text)));

/**
 * Left-aligned columns (cells may be coloured); the last one, plain text, takes what
 * is left of the width and is cut to fit when `fit` (on a terminal).
 */
export function columns(term: Terminal, rows: readonly string[][], fit: boolean): string[] {
  if (rows.length === 0) return [];
  const count = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: count - 1 }, (_, i) =>
    Math.max(...rows.map((row) => visible(row[i] ?? ""))),
  );
  const used = widths.reduce((sum, w) => sum + w + 2, 0);
  return rows.map((row) => {
    const head = widths.map((w, i) => pad(row[i] ?? "", w)).join("  ");
    const last = row[count - 1] ?? "";
    return `${head}  ${fit ? truncate(last, term.width - used, term) : last}`.trimEnd();
  });
}

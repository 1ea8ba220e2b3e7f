import type { OutputDiff } from "../../study/grading/output-diff.ts";
import { indent } from "../render/markdown.ts";
import type { Terminal } from "../terminal.ts";

/** A section label inside a card: "Answer", "Key points", "The real output". */
export function label(term: Terminal, text: string): string {
  return term.paint.bold(term.paint.cyan(text));
}

/** Program output as the bank prints it: indented, dim, an empty output said in words. */
export function outputBlock(term: Terminal, output: string): string {
  const body = output.replace(/\n$/, "");
  if (body === "") return indent(term.paint.dim("(prints nothing)"), "  ");
  return indent(body, "  ");
}

/** The line diff of a missed drill: `-` what the program printed, `+` what was typed. */
export function diffBlock(term: Terminal, diff: OutputDiff): string {
  const lines = diff.lines.map((line) => {
    if (line.op === "missing") return term.paint.red(`- ${line.text}`);
    if (line.op === "extra") return term.paint.green(`+ ${line.text}`);
    return term.paint.dim(`  ${line.text}`);
  });
  const legend = term.paint.dim(
    `(${term.paint.red("-")} printed by Python, ${term.paint.green("+")} your answer)`,
  );
  return `${indent(lines.join("\n"), "  ")}\n  ${legend}`;
}

/** `━━━━──────  3/12`: the bar shows the cards done, the number the card shown. */
export function progressBar(
  term: Terminal,
  done: number,
  current: number,
  total: number,
  width = 20,
): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const [full, empty] = term.unicode ? ["━", "─"] : ["#", "-"];
  return `${term.paint.green(full.repeat(filled))}${term.paint.dim(empty.repeat(width - filled))} ${current}/${total}`;
}

/** Bounds a printout of the user's own program output so one card cannot flood the screen. */
export function clip(text: string, maxLines = 20): string {
  const lines = text.replace(/\n$/, "").split("\n");
  if (lines.length <= maxLines) return lines.join("\n");
  return `${lines.slice(0, maxLines).join("\n")}\n… ${lines.length - maxLines} more lines`;
}

import type { Code } from "mdast";
import type { ParseContext } from "./parse-context.ts";
import type { ExpectedRun } from "./schema.ts";

const ESCAPES: Record<string, string> = { "\\": "\\", r: "\r", t: "\t", n: "\n", "0": "\0" };
const ESCAPE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.?)/g;

/**
 * What an ```output block promises. Every line of the block is a line the program prints,
 * newline included, so a block ending in blank lines expects them. `escapes=on` reads
 * backslash escapes (`\r` for a carriage return, which a Markdown file cannot hold as is).
 */
export function readOutputBlock(ctx: ParseContext, node: Code): ExpectedRun {
  const { exitCode = 0, escapes } = ctx.fence(node, "output");
  const lines = contentLines(node);
  const read = escapes
    ? lines.map((line, index) =>
        line.replace(ESCAPE, (whole, code: string) => {
          const known = ESCAPES[code] ?? hexEscape(code);
          if (known !== undefined) return known;
          ctx.problems.push({
            file: ctx.file,
            ...ctx.lineInFence(node, index),
            message: `unknown escape '${whole}' in an escapes=on output block (known: \\r \\t \\n \\0 \\\\ \\xHH \\uHHHH)`,
          });
          return whole;
        }),
      )
    : lines;
  return { output: read.map((line) => `${line}\n`).join(""), exitCode };
}

/** The block's lines. mdast gives "" both for an empty block and for one of blank lines. */
function contentLines(node: Code): string[] {
  if (node.value !== "") return node.value.split("\n");
  const start = node.position?.start.line ?? 0;
  const end = node.position?.end.line ?? 0;
  return Array.from({ length: Math.max(0, end - start - 1) }, () => "");
}

function hexEscape(code: string): string | undefined {
  if (/^(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})$/.test(code))
    return String.fromCharCode(Number.parseInt(code.slice(1), 16));
  return undefined;
}

import type { Code, RootContent } from "mdast";
import { type Fence, type FenceAttributes, parseFenceOptions } from "./fence-options.ts";
import { type Problem, problemAt } from "./problem.ts";
import type { CodeBlock, Position } from "./schema.ts";

/** Anything mdast can place in the body: a node, or nothing (then line 1 of the body). */
export type Located = { position?: { start: { line: number; column: number } } } | undefined;

/**
 * What every section parser shares for one file: where the body starts, its lines, and the
 * problems found so far. Built once per file; section parsers take it as their first argument.
 */
export class ParseContext {
  readonly problems: Problem[];
  readonly #lineOffset: number;
  readonly #bodyLines: string[];
  readonly #fences = new WeakMap<Code, FenceAttributes>();

  constructor(
    readonly file: string,
    /** Line (1-based) of the first body line in the file, after the front matter. */
    readonly bodyStartLine: number,
    body: string,
    problems: Problem[] = [],
  ) {
    this.problems = problems;
    this.#lineOffset = bodyStartLine - 1;
    this.#bodyLines = body.split("\n");
  }

  /** A body node's place in the file (mdast counts lines from the body's start). */
  pos(node: Located): Position {
    return {
      line: (node?.position?.start.line ?? 1) + this.#lineOffset,
      column: node?.position?.start.column ?? 1,
    };
  }

  report(node: Located, message: string): void {
    this.problems.push(problemAt(this.file, this.pos(node), message));
  }

  /** A problem about the file as a whole, reported at the body's first line. */
  reportAtBodyStart(message: string): void {
    this.problems.push(problemAt(this.file, { line: this.bodyStartLine, column: 1 }, message));
  }

  /** The author's own Markdown for a run of nodes, so prose keeps its formatting. */
  source(nodes: readonly RootContent[]): string {
    const first = nodes[0]?.position;
    const last = nodes.at(-1)?.position;
    if (!first || !last) return "";
    return sliceLines(this.#bodyLines, first.start, last.end).trim();
  }

  /** A fence's attributes, read as `fence` takes them; each problem is reported once. */
  fence(node: Code, fence: Fence): FenceAttributes {
    const known = this.#fences.get(node);
    if (known) return known;
    const { errors, ...attributes } = parseFenceOptions(node.meta, fence);
    for (const error of errors) this.report(node, error);
    this.#fences.set(node, attributes);
    return attributes;
  }

  /**
   * A fenced block's code and run options, its fence's attributes checked. With no block (the
   * author left it out, which is already reported) an empty block stands at `missingAt`.
   */
  codeBlock(node: Code | undefined, missingAt: Located, fence: Fence = "python"): CodeBlock {
    if (!node) return { code: "", position: this.pos(missingAt), options: {} };
    const { options } = this.fence(node, fence);
    return { code: `${node.value}\n`, position: this.pos(node), options };
  }

  /** Line `index` (0-based) of a fenced block's content, as a place in the file. */
  lineInFence(node: Code, index: number): Position {
    return { line: this.pos(node).line + 1 + index, column: 1 };
  }
}

/** Text between two mdast points (1-based line, column) of the body. */
function sliceLines(
  lines: string[],
  start: { line: number; column: number },
  end: { line: number; column: number },
): string {
  if (start.line === end.line)
    return (lines[start.line - 1] ?? "").slice(start.column - 1, end.column - 1);
  const out = [(lines[start.line - 1] ?? "").slice(start.column - 1)];
  for (let line = start.line + 1; line < end.line; line++) out.push(lines[line - 1] ?? "");
  out.push((lines[end.line - 1] ?? "").slice(0, end.column - 1));
  return out.join("\n");
}

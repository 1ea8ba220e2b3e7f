import type { Position } from "../content/schema.ts";
import type { SourceLocation } from "../python/types.ts";
import type { CheckJob } from "./plan.ts";

/** Where line `location.line` of a harness file sits in the question's Markdown. */
export function markdownLine(
  job: CheckJob,
  location: SourceLocation | undefined,
): number | undefined {
  const fence = location ? job.sources[location.file] : undefined;
  if (!fence || !location || location.line < 1) return undefined;
  return fence.line + location.line;
}

export function markdownPosition(
  job: CheckJob,
  location: SourceLocation | undefined,
): Position | undefined {
  const line = markdownLine(job, location);
  return line === undefined ? undefined : { line, column: 1 };
}

/** `list-vs-tuple.md:57`: short, since the problem itself already names the file in full. */
export function lineRef(job: CheckJob, line: number): string {
  return `${job.question.file.split("/").at(-1)}:${line}`;
}

const FILE_LINE = /\b(main|solution|tests)\.py(?:"?,? line |:)(\d+)/g;
const LEADING_LINE = /^line (\d+): /;

/**
 * Adds the Markdown line to every `tests.py`/`solution.py`/`main.py` line a message names
 * (tracebacks, "(at tests.py line 4)"), and to the harness's leading "line N: " for a bare
 * assert in the tests.
 */
export function annotateLines(job: CheckJob, text: string, leadingFile?: SourceLocation["file"]) {
  let out = text.replace(FILE_LINE, (whole, file: string, line: string) => {
    const at = markdownLine(job, {
      file: `${file}.py` as SourceLocation["file"],
      line: Number(line),
    });
    return at === undefined ? whole : `${whole} (${lineRef(job, at)})`;
  });
  if (leadingFile) {
    out = out.replace(LEADING_LINE, (whole, line: string) => {
      const at = markdownLine(job, { file: leadingFile, line: Number(line) });
      return at === undefined ? whole : `line ${line} (${lineRef(job, at)}): `;
    });
  }
  return out;
}

/** The source text of a harness file's line, for showing the line a failure points at. */
export function sourceLine(job: CheckJob, location: SourceLocation): string | undefined {
  const code =
    location.file === "tests.py" && "tests" in job
      ? job.tests
      : location.file !== "tests.py"
        ? job.code
        : undefined;
  return code?.split("\n")[location.line - 1]?.trim();
}

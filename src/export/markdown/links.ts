/**
 * Rewrites links between question files (`[see](../fresher/list-vs-tuple.md)`,
 * `[see](list-vs-tuple.md#answer)`) to where that question is in the book: `resolve`
 * gets the question id (the file name) and returns the new target, or undefined to keep
 * the link as written. Code (fenced blocks and inline spans) is left alone.
 */
export function rewriteQuestionLinks(
  markdown: string,
  resolve: (questionId: string) => string | undefined,
): string {
  return splitCode(markdown)
    .map(({ code, text }) =>
      code
        ? text
        : text.replace(
            /\]\(\s*<?((?:\.{1,2}\/)*(?:[a-z]+\/)?([a-z0-9]+(?:-[a-z0-9]+)*)\.md)(#[^)\s>]*)?>?(\s+"[^"]*")?\s*\)/g,
            (whole, _path: string, id: string, _fragment?: string, title?: string) => {
              const target = resolve(id);
              return target === undefined ? whole : `](${target}${title ?? ""})`;
            },
          ),
    )
    .join("");
}

/** The text cut into code and not-code pieces: fenced blocks by line, spans by backticks. */
function splitCode(markdown: string): { code: boolean; text: string }[] {
  const pieces: { code: boolean; text: string }[] = [];
  const push = (code: boolean, text: string) => {
    if (text !== "") pieces.push({ code, text });
  };
  const lines = markdown.split(/(?<=\n)/);
  let prose = "";
  let fenceOpen: string | null = null;
  let block = "";
  for (const line of lines) {
    if (fenceOpen === null) {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open?.[1]) {
        pushProse(prose, push);
        prose = "";
        fenceOpen = open[1];
        block = line;
      } else {
        prose += line;
      }
    } else {
      block += line;
      const close = new RegExp(`^ {0,3}${fenceOpen[0]}{${fenceOpen.length},}\\s*$`);
      if (close.test(line)) {
        push(true, block);
        fenceOpen = null;
        block = "";
      }
    }
  }
  if (fenceOpen !== null) push(true, block);
  pushProse(prose, push);
  return pieces;
}

function pushProse(prose: string, push: (code: boolean, text: string) => void): void {
  let plain = "";
  let rest = prose;
  for (;;) {
    const open = /`+/.exec(rest);
    if (!open) break;
    const ticks = open[0];
    const after = open.index + ticks.length;
    // A span closes at the next run of exactly as many backticks (CommonMark); a run
    // that never closes is literal text.
    const closing = new RegExp(`(?<!\`)${ticks}(?!\`)`).exec(rest.slice(after));
    if (!closing) {
      plain += rest.slice(0, after);
      rest = rest.slice(after);
      continue;
    }
    const end = after + closing.index + ticks.length;
    push(false, plain + rest.slice(0, open.index));
    plain = "";
    push(true, rest.slice(open.index, end));
    rest = rest.slice(end);
  }
  push(false, plain + rest);
}

/**
 * A fenced code block that cannot be closed early by its own content: the fence is one
 * backtick longer than the longest run of backticks inside (CommonMark's rule).
 */
export function fence(language: string, text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(Math.max(3, longest + 1));
  const body = text.endsWith("\n") ? text : `${text}\n`;
  return `${ticks}${language}\n${body}${ticks}`;
}

/**
 * A `<details>` block. The blank lines around the Markdown inside are what make GitHub,
 * GitLab and CommonMark renderers treat it as Markdown rather than raw HTML.
 */
export function details(summary: string, markdown: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${markdown.trim()}\n\n</details>`;
}

/** Author Markdown, trimmed, with the key-point grader's `<!-- terms: ... -->` removed. */
export function cleanMarkdown(markdown: string): string {
  return markdown.replace(/\s*<!--[\s\S]*?-->/g, "").trim();
}

/**
 * Plain text (a question's heading, a title) for a Markdown heading or link label: one
 * line, with every character Markdown would read as markup backslash-escaped, so
 * `*args and **kwargs` stays text.
 */
export function inlineText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>~|]/g, "\\$&");
}

import { highlightCode, tagHighlighter, tags } from "@lezer/highlight";
import { parser } from "@lezer/python";
import { escapeHtml } from "../content/render-html.ts";

/**
 * Syntax classes for exported code. The names are part of the exported deck's CSS
 * (`anki/card-style.ts`), so a deck imported years ago keeps matching its note type.
 */
export const SYNTAX_CLASSES = {
  keyword: "py-kw",
  string: "py-str",
  comment: "py-com",
  number: "py-num",
  function: "py-fn",
  className: "py-cls",
} as const;

const highlighter = tagHighlighter([
  { tag: tags.keyword, class: SYNTAX_CLASSES.keyword },
  { tag: [tags.string, tags.special(tags.string)], class: SYNTAX_CLASSES.string },
  { tag: tags.comment, class: SYNTAX_CLASSES.comment },
  { tag: [tags.number, tags.bool, tags.null], class: SYNTAX_CLASSES.number },
  {
    tag: [tags.function(tags.variableName), tags.definition(tags.variableName)],
    class: SYNTAX_CLASSES.function,
  },
  { tag: [tags.className, tags.definition(tags.className)], class: SYNTAX_CLASSES.className },
]);

/**
 * Python source as HTML spans with the classes above, escaped, newlines kept: the body
 * of a `<pre><code>` (without the source's final newline, which would show as an empty
 * last line in some viewers). Parsing never fails (Lezer recovers), so broken code
 * still shows.
 */
export function highlightPythonHtml(source: string): string {
  const code = source.replace(/\n+$/, "");
  let html = "";
  highlightCode(
    code,
    parser.parse(code),
    highlighter,
    (text, classes) => {
      html += classes ? `<span class="${classes}">${escapeHtml(text)}</span>` : escapeHtml(text);
    },
    () => {
      html += "\n";
    },
  );
  return html;
}

const PYTHON_BLOCK = /<pre><code class="language-python">([\s\S]*?)<\/code><\/pre>/g;

/** Rendered Markdown with its Python fences highlighted in place (other blocks untouched). */
export function highlightPythonBlocks(html: string): string {
  return html.replace(
    PYTHON_BLOCK,
    (_match, body: string) =>
      `<pre class="code"><code class="language-python">${highlightPythonHtml(unescapeHtml(body))}</code></pre>`,
  );
}

/** The inverse of `escapeHtml` for the entities micromark writes in code. */
function unescapeHtml(html: string): string {
  return html
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

const HTML_COMMENT = /<!--[\s\S]*?-->/g;

/**
 * Markdown (CommonMark + GFM tables, strikethrough, task lists, autolinks) to HTML.
 *
 * The bank is trusted, but raw HTML is still escaped rather than passed through: the
 * only HTML authors write is `<!-- terms: ... -->` comments, which are metadata for the
 * key-point grader, so they are removed first instead of being shown as text.
 */
export function renderMarkdown(markdown: string): string {
  const source = markdown.replace(HTML_COMMENT, "");
  if (source.trim() === "") return "";
  return micromark(source, {
    allowDangerousHtml: false,
    allowDangerousProtocol: false,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  }).trim();
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

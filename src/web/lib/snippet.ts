/**
 * Search snippets arrive as escaped HTML with `<mark>`s, cut from Markdown flattened to text.
 * The flattening leaves spaces where inline code marks were ("( sys.path )") and list
 * markers at the start of items ("- I/O"); this reads them back as prose.
 */
export function cleanSnippet(html: string): string {
  return (
    html
      // A list marker: a lone -, + or * at the start, after a sentence or before a capital
      // (the bank writes dashes as "—"; "a - b" is subtraction and stays).
      .replace(/(^|[.:;!?…])\s*[-+*]\s+/g, "$1 ")
      .replace(/\s[-+*]\s+(?=[A-Z]|<mark>)/g, " ")
      // Spaces left inside brackets and quotes by removed backticks.
      .replace(/([([{])\s+/g, "$1")
      .replace(/\s+([)\]}])/g, "$1")
      // …and before punctuation.
      .replace(/\s+([,.;:!?])(?=\s|$|<)/g, "$1")
      .replace(/\s{2,}/g, " ")
      .trim()
  );
}

import { tagHighlighter, tags } from "@lezer/highlight";

/**
 * One mapping from syntax to CSS classes (`.syn-*` in styles.css), used by the editor and by
 * read-only code alike, so code looks the same before and after it becomes editable.
 */
export const pythonHighlighter = tagHighlighter([
  { tag: tags.keyword, class: "syn-keyword" },
  { tag: [tags.string, tags.special(tags.string)], class: "syn-string" },
  { tag: tags.comment, class: "syn-comment" },
  { tag: [tags.number, tags.bool, tags.null], class: "syn-number" },
  {
    tag: [tags.function(tags.variableName), tags.definition(tags.variableName)],
    class: "syn-function",
  },
  { tag: [tags.className, tags.definition(tags.className)], class: "syn-class" },
]);

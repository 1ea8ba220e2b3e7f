// Loaded on demand with the Python grammar (small: no CodeMirror in it).
import { highlightCode } from "@lezer/highlight";
import { parser } from "@lezer/python";
import { pythonHighlighter } from "./highlighter.ts";

/** A run of code and its highlight classes ("" for plain text; "\n" texts are line breaks). */
export interface Token {
  text: string;
  className: string;
}

export function highlightPython(code: string): Token[] {
  const tokens: Token[] = [];
  highlightCode(
    code,
    parser.parse(code),
    pythonHighlighter,
    (text, className) => tokens.push({ text, className }),
    () => tokens.push({ text: "\n", className: "" }),
  );
  return tokens;
}

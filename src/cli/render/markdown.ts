import { stripVTControlCharacters } from "node:util";
import { highlight } from "cli-highlight";
import { Marked } from "marked";
import { markedTerminal } from "marked-terminal";
import type { Terminal } from "../terminal.ts";
import { codeTheme, markdownStyles } from "./styles.ts";

const renderers = new WeakMap<Terminal, Marked>();

/**
 * Markdown for the terminal: wrapped to the terminal's width, code fences highlighted
 * (Python by cli-highlight, through marked-terminal), HTML comments (the bank's
 * `<!-- terms: -->` markers) dropped. Without colour the escapes are stripped.
 */
export function renderMarkdown(term: Terminal, markdown: string): string {
  let marked = renderers.get(term);
  if (!marked) {
    marked = new Marked();
    marked.use(
      markedTerminal({
        ...markdownStyles,
        reflowText: true,
        width: term.width,
        showSectionPrefix: false,
        emoji: false,
        tab: 2,
      }) as Parameters<Marked["use"]>[0],
      {
        // marked-terminal leaves code plain whenever its own chalk sees no colour (any CI).
        renderer: {
          code: ({ text, lang }) => `${indent(highlightCode(text, lang ?? "python"), "  ")}\n\n`,
        },
      },
    );
    renderers.set(term, marked);
  }
  const text = marked.parse(markdown.replace(/<!--[\s\S]*?-->/g, ""), { async: false });
  const trimmed = text.replace(/\n+$/, "");
  return term.color ? trimmed : stripVTControlCharacters(trimmed);
}

/** A Python block, highlighted when colour is on, indented two spaces. */
export function renderCode(term: Terminal, code: string): string {
  const body = code.replace(/\n+$/, "");
  const shown = term.color ? highlightCode(body, "python") : body;
  return indent(shown, "  ");
}

export function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : `${prefix}${line}`))
    .join("\n");
}

function highlightCode(code: string, language: string): string {
  try {
    return highlight(code, { language, ignoreIllegals: true, theme: codeTheme });
  } catch {
    return code; // a fence in a language highlight.js does not know
  }
}

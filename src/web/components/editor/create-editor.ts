// Loaded only when an exercise opens: CodeMirror is most of the app's weight.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  bracketMatching,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { pythonHighlighter } from "./highlighter.ts";

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--code-bg)", color: "var(--text)", fontSize: "var(--code-size)" },
  ".cm-content": { fontFamily: "var(--mono)", caretColor: "var(--text)", lineHeight: "1.6" },
  ".cm-gutters": {
    backgroundColor: "var(--code-bg)",
    color: "var(--muted)",
    borderRight: "1px solid var(--border)",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--active-line)" },
  // The editor's box (.editor:focus-within in styles.css) shows focus, with the page's ring colour.
  "&.cm-focused": { outline: "none" },
  ".cm-cursor": { borderLeftColor: "var(--text)" },
});

const PAGE_KEYS = new Set(["Mod-Enter", "Shift-Mod-Enter", "Escape"]);

export interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
  focus(): void;
  destroy(): void;
}

/**
 * A Python editor. Tab is left to move focus (keyboard users must be able to leave
 * the editor); indentation comes from Enter and the language's indent rules.
 */
export function createEditor(
  parent: HTMLElement,
  doc: string,
  label: string,
  onChange: (text: string) => void,
): EditorHandle {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        indentOnInput(),
        indentUnit.of("    "),
        bracketMatching(),
        python(),
        // Classes, not inline colours: the same `.syn-*` rules colour read-only code.
        syntaxHighlighting(pythonHighlighter),
        // Ctrl/Cmd+Enter and Esc belong to the page (Run, Stop), not to the editor.
        keymap.of([...defaultKeymap, ...historyKeymap].filter((b) => !PAGE_KEYS.has(b.key ?? ""))),
        theme,
        // tabindex makes the editable area count as focusable for the scrolling region around it.
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getValue: () => view.state.doc.toString(),
    setValue: (text) =>
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

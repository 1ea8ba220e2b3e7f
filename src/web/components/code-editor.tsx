import { type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
import { useScrollCue } from "../lib/use-scroll-cue.ts";
import type { EditorHandle } from "./editor/create-editor.ts";
import { PythonCode } from "./python-code.tsx";

export interface CodeEditorRef {
  getValue(): string;
  setValue(text: string): void;
  focus(): void;
}

/**
 * CodeMirror 6, imported when first shown so it stays out of the initial bundle. Until
 * it arrives the code is shown read-only (highlighted alike), so it can be read at once.
 */
export function CodeEditor({
  initial,
  label,
  ref,
  onChange,
  autoFocus = false,
}: {
  initial: string;
  label: string;
  ref?: Ref<CodeEditorRef>;
  /** Told after every edit (for "edited" marks and Reset). */
  onChange?: (text: string) => void;
  /** Focus the editor once it is ready (an example the candidate chose to edit). */
  autoFocus?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const value = useRef(initial);
  const changed = useRef(onChange);
  changed.current = onChange;
  const [ready, setReady] = useState(false);
  useScrollCue(box, ".cm-scroller");

  useImperativeHandle(ref, () => ({
    getValue: () => editor.current?.getValue() ?? value.current,
    setValue: (text) => {
      value.current = text;
      editor.current?.setValue(text);
      changed.current?.(text);
    },
    focus: () => editor.current?.focus(),
  }));

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once per mount
  useEffect(() => {
    let cancelled = false;
    void import("./editor/create-editor.ts").then(({ createEditor }) => {
      if (cancelled || !host.current) return;
      editor.current = createEditor(host.current, value.current, label, (text) => {
        value.current = text;
        changed.current?.(text);
      });
      setReady(true);
      if (autoFocus) editor.current.focus();
    });
    return () => {
      cancelled = true;
      editor.current?.destroy();
      editor.current = null;
    };
  }, []);

  return (
    <div ref={box} className="editor" data-ready={ready ? "true" : "false"}>
      <div ref={host} />
      {ready ? null : (
        <pre className="code" aria-busy="true">
          <PythonCode code={value.current} />
        </pre>
      )}
    </div>
  );
}

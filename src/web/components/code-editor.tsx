import { type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { EditorHandle } from "./editor/create-editor.ts";

export interface CodeEditorRef {
  getValue(): string;
  setValue(text: string): void;
  focus(): void;
}

/**
 * CodeMirror 6, imported when first shown so it stays out of the initial bundle. Until
 * it arrives the code is shown read-only, so the exercise can be read at once.
 */
export function CodeEditor({
  initial,
  label,
  ref,
}: {
  initial: string;
  label: string;
  ref?: Ref<CodeEditorRef>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const value = useRef(initial);
  const [ready, setReady] = useState(false);

  useImperativeHandle(ref, () => ({
    getValue: () => editor.current?.getValue() ?? value.current,
    setValue: (text) => {
      value.current = text;
      editor.current?.setValue(text);
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
      });
      setReady(true);
    });
    return () => {
      cancelled = true;
      editor.current?.destroy();
      editor.current = null;
    };
  }, []);

  return (
    <div className="editor" data-ready={ready ? "true" : "false"}>
      <div ref={host} />
      {ready ? null : (
        <pre className="code" aria-busy="true">
          {value.current}
        </pre>
      )}
    </div>
  );
}

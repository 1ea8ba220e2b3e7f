import { type ReactNode, useRef } from "react";
import { useScrollCue } from "../lib/use-scroll-cue.ts";
import { PythonCode } from "./python-code.tsx";

/**
 * Code and output blocks scroll sideways on phones; a scrolling region must be reachable
 * by keyboard (WCAG 2.1.1), so each block is focusable and named. `python` highlights the
 * code as the editor does.
 */
export function CodeBlock({
  children,
  python,
  label,
  className = "code",
}: {
  children?: ReactNode;
  python?: string;
  label: string;
  className?: string;
}) {
  const ref = useRef<HTMLPreElement>(null);
  useScrollCue(ref);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus
    <pre ref={ref} className={className} tabIndex={0} data-label={label}>
      {python === undefined ? children : <PythonCode code={python} />}
    </pre>
  );
}

import type { ReactNode } from "react";

/**
 * Code and output blocks scroll sideways on phones; a scrolling region must be reachable
 * by keyboard (WCAG 2.1.1), so each block is focusable and named.
 */
export function CodeBlock({
  children,
  label,
  className = "code",
}: {
  children: ReactNode;
  label: string;
  className?: string;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus
    <pre className={className} tabIndex={0} data-label={label}>
      {children}
    </pre>
  );
}

import { useEffect, useRef } from "react";

/**
 * Markdown rendered by the server from the trusted, checked bank (docs/api.md);
 * never user input.
 */
export function Html({
  html,
  className,
  as = "div",
}: {
  html: string;
  className?: string;
  as?: "div" | "span";
}) {
  const Tag = as;
  const ref = useRef<HTMLElement>(null);
  // A code block in an answer scrolls sideways on a phone: keyboard users must reach it too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the blocks change with the html
  useEffect(() => {
    for (const pre of ref.current?.querySelectorAll("pre") ?? []) pre.tabIndex = 0;
  }, [html]);
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered trusted bank content
    <Tag ref={ref as never} className={className} dangerouslySetInnerHTML={{ __html: html }} />
  );
}

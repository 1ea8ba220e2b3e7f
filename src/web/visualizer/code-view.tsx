import { useEffect, useRef } from "react";

/**
 * The traced code with the line about to run and the one that just ran marked, in text
 * too (not by colour alone).
 */
export function CodeView({
  code,
  next,
  ran,
}: {
  code: string;
  next: number | null;
  ran: number | null;
}) {
  const lines = code.replace(/\n$/, "").split("\n");
  const list = useRef<HTMLOListElement>(null);
  // Long code scrolls inside its box; keep the next line in view without scrolling the page.
  useEffect(() => {
    const box = list.current;
    const line = box?.querySelector<HTMLElement>(`li[data-line="${next}"]`);
    if (!box || !line) return;
    const top = line.offsetTop;
    if (top < box.scrollTop || top + line.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }, [next]);
  return (
    <ol
      className="viz-code"
      ref={list}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus
      tabIndex={0}
      aria-label="The code, with the current line marked"
    >
      {lines.map((text, i) => {
        const n = i + 1;
        const mark = n === next ? "next" : n === ran ? "ran" : undefined;
        return (
          <li key={n} data-line={n} data-mark={mark}>
            <span className="viz-lineno" aria-hidden="true">
              {n}
            </span>
            <span className="viz-marker">
              {mark === "next" ? "→" : mark === "ran" ? "✓" : ""}
              {mark ? (
                <span className="sr-only">{mark === "next" ? " next to run:" : " just ran:"}</span>
              ) : null}
            </span>
            <code>{text || " "}</code>
          </li>
        );
      })}
    </ol>
  );
}

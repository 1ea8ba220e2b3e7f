import { useEffect, useState } from "react";
import type { Token } from "./editor/highlight-code.ts";

/**
 * Python, highlighted with the editor's own classes. The grammar loads on first use; until
 * then (and if it fails) the code shows plain, so nothing waits for it.
 */
export function PythonCode({ code }: { code: string }) {
  const [tokens, setTokens] = useState<{ code: string; tokens: Token[] } | null>(null);
  useEffect(() => {
    let live = true;
    void import("./editor/highlight-code.ts").then(
      ({ highlightPython }) => live && setTokens({ code, tokens: highlightPython(code) }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [code]);
  if (!tokens || tokens.code !== code) return <code>{code}</code>;
  return (
    <code data-highlighted="true">
      {tokens.tokens.map((token, i) =>
        token.className ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens are rebuilt whole, never reordered
          <span key={i} className={token.className}>
            {token.text}
          </span>
        ) : (
          token.text
        ),
      )}
    </code>
  );
}

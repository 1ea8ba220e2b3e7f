import { Fragment } from "react";

/** Bank titles read as mid-sentence text ("a printable Point"); a heading starts capitalised. */
export function capitalise(title: string): string {
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** Backticks in a bank title are code: `+=` shows as code, not as backticks. */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split("`");
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
          <code key={i}>{part}</code>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

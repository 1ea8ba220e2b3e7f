import { Fragment } from "react";

/** The bank's default drill heading ("predict the output", maybe with a version note). */
const GENERIC = /^predict the output\b\s*(.*)$/i;

/**
 * A drill's name. Its own title, capitalised ("The famous tuple `+=` puzzle"); the bank's
 * generic "predict the output" says nothing, so such a drill is named for its question,
 * keeping any note the heading carried ("(Python 3.14)").
 */
export function drillName(title: string, question: string): string {
  const generic = GENERIC.exec(title.trim());
  if (!title.trim() || generic) {
    const note = generic?.[1]?.trim();
    return note ? `${question} ${note}` : question;
  }
  return capitalise(title);
}

/** Bank titles read as mid-sentence text ("a printable Point"); a heading starts capitalised. */
export function capitalise(title: string): string {
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** For the question page, where the question is the page's own title: "Drill 2". */
export function drillHeading(title: string, index: number): string {
  const generic = GENERIC.exec(title.trim());
  if (!title.trim() || generic) {
    const note = generic?.[1]?.trim();
    return note ? `Drill ${index + 1} ${note}` : `Drill ${index + 1}`;
  }
  return capitalise(title);
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

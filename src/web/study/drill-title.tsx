import { capitalise } from "../components/inline-code.tsx";

// Imported from here by other screens before it moved to components/.
export { capitalise, InlineCode } from "../components/inline-code.tsx";

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

/** For the question page, where the question is the page's own title: "Drill 2". */
export function drillHeading(title: string, index: number): string {
  const generic = GENERIC.exec(title.trim());
  if (!title.trim() || generic) {
    const note = generic?.[1]?.trim();
    return note ? `Drill ${index + 1} ${note}` : `Drill ${index + 1}`;
  }
  return capitalise(title);
}

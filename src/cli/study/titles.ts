/** The bank's default drill heading, "predict the output", maybe with a note after it. */
const GENERIC = /^predict the output\b\s*(.*)$/i;

/**
 * A drill's name: its own title, capitalised; for the bank's generic heading, `Drill N`
 * (with any note the heading carried, "(Python 3.14)"). The web app's question page
 * names drills the same way.
 */
export function drillTitle(title: string, index: number): string {
  const trimmed = title.trim();
  const generic = GENERIC.exec(trimmed);
  if (!trimmed || generic) {
    const note = generic?.[1]?.trim();
    return note ? `Drill ${index + 1} ${note}` : `Drill ${index + 1}`;
  }
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

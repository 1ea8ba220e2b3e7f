import type { Question } from "../../content/schema.ts";
import type { GradeDetails, Rating, StudyCard } from "../../study/types.ts";
import type { SessionPython } from "../python.ts";
import type { Terminal } from "../terminal.ts";

/** What every card view gets: where to draw, the card and its question, Python, Ctrl-C. */
export interface CardContext {
  term: Terminal;
  card: StudyCard;
  question: Question;
  python: SessionPython;
  /** Aborted by Ctrl-C outside a prompt (while Python or the editor runs). */
  signal: AbortSignal;
  /** The command that opens a file for an exercise (`$VISUAL`, `$EDITOR`, `--editor`). */
  editor: string;
  /** The clock, so durations are measured the same way in every view. */
  now: () => number;
}

/** What a card view hands back to be recorded: the review the web app would send. */
export interface CardOutcome {
  rating: Rating;
  /** The same shape the web app sends as `grade` (kind output/exercise/concept). */
  grade: GradeDetails | null;
  /** From showing the card to the answer being graded (or rated, for concept cards). */
  durationMs: number;
}

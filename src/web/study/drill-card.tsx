import { useState } from "react";
import type { Rating, Runnable } from "../../api/types.ts";
import { diffOutput, type OutputDiff } from "../../study/grading/output-diff.ts";
import { defaultRating } from "../../study/rating.ts";
import { CodeBlock } from "../components/code-block.tsx";
import { DiffView } from "../components/diff-view.tsx";
import { Html } from "../components/html.tsx";
import { RATING_LABELS, RatingBar, ratingFromName } from "../components/rating-bar.tsx";
import { RunnableBlock } from "../components/runnable-block.tsx";
import { announce } from "../lib/announce.ts";
import { useShortcut } from "../lib/shortcuts.ts";
import type { CardProps } from "./types.ts";

/**
 * Predict the output. The answer is graded against the program's real output, verified
 * on CPython and Pyodide by every CI run; a miss shows the line diff.
 */
export function DrillCard({ card, question, onRate, elapsedMs }: CardProps) {
  const drill = question.drills.find((d) => d.key === card.key) as Runnable | undefined;
  const [typed, setTyped] = useState("");
  const [graded, setGraded] = useState<{ diff: OutputDiff; suggested: Rating; ms: number } | null>(
    null,
  );

  const check = () => {
    if (!drill || graded) return;
    const ms = elapsedMs();
    const diff = diffOutput(drill.expectedOutput, typed);
    const suggested = ratingFromName(
      defaultRating({ kind: "drill", correct: diff.match, durationMs: ms }),
    );
    setGraded({ diff, suggested, ms });
    announce(
      `${diff.match ? "Correct." : "Not quite: see the differences."} Suggested rating: ${RATING_LABELS[suggested]}.`,
    );
  };
  useShortcut("mod+Enter", check, { inFields: true, enabled: !graded });

  if (!drill) return <p role="alert">This drill is no longer in the bank.</p>;
  return (
    <article className="card drill" aria-labelledby="card-title" data-kind="drill">
      <p className="kicker">Predict the output · {question.level}</p>
      <h2 id="card-title">{drill.title || "What does this print?"}</h2>
      {drill.introHtml ? <Html html={drill.introHtml} /> : null}
      <CodeBlock label="Python code">
        <code>{drill.code}</code>
      </CodeBlock>
      {drill.stdin ? (
        <>
          <h3 className="label">Standard input</h3>
          <pre className="code">{drill.stdin}</pre>
        </>
      ) : null}
      <label className="field">
        <span>What does it print?</span>
        <textarea
          className="mono"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          readOnly={!!graded}
          rows={Math.min(12, Math.max(3, drill.expectedOutput.split("\n").length + 1))}
          spellCheck={false}
          aria-describedby="drill-hint"
          data-autofocus
        />
      </label>
      <p id="drill-hint" className="hint">
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> checks your answer.
      </p>
      {!graded ? (
        <button type="button" className="primary" onClick={check} aria-keyshortcuts="Control+Enter">
          Check
        </button>
      ) : (
        <>
          <section className="grade" aria-labelledby="grade-heading">
            <h3
              id="grade-heading"
              className={graded.diff.match ? "ok" : "warn"}
              data-testid="grade"
            >
              {graded.diff.match ? "✓ Correct" : "✗ Not quite"}
            </h3>
            {graded.diff.match ? null : <DiffView diff={graded.diff} />}
            <h4 className="label">The real output</h4>
            <pre className="output">{drill.expectedOutput}</pre>
            {drill.explanationHtml ? <Html html={drill.explanationHtml} /> : null}
            <details>
              <summary>Run it yourself</summary>
              <RunnableBlock
                runnable={{ ...drill, title: "", introHtml: "", explanationHtml: "" }}
                headingLevel={4}
              />
            </details>
          </section>
          <RatingBar
            suggested={graded.suggested}
            onRate={(rating) =>
              onRate(rating, { kind: "output", correct: graded.diff.match }, graded.ms)
            }
          />
        </>
      )}
    </article>
  );
}

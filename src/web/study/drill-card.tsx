import { useEffect, useRef, useState } from "react";
import type { Rating, Runnable } from "../../api/types.ts";
import { diffOutput, type OutputDiff } from "../../study/grading/output-diff.ts";
import { defaultRating } from "../../study/rating.ts";
import { CodeBlock } from "../components/code-block.tsx";
import { DiffView, LineMarks } from "../components/diff-view.tsx";
import { Html } from "../components/html.tsx";
import { InlineCode } from "../components/inline-code.tsx";
import { RATING_LABELS, RatingBar, ratingFromName } from "../components/rating-bar.tsx";
import { RunnableBlock } from "../components/runnable-block.tsx";
import { announce } from "../lib/announce.ts";
import { LEVEL_LABELS } from "../lib/labels.ts";
import { useShortcut } from "../lib/shortcuts.ts";
import { showsMe } from "../visualizer/show-me.ts";
import { useStepThrough } from "../visualizer/step-through.tsx";
import { drillName } from "./drill-title.tsx";
import type { CardProps } from "./types.ts";

/** Attempts before the answer is shown: a near miss gets one more go. */
const MAX_ATTEMPTS = 2;

interface Attempt {
  diff: OutputDiff;
  ms: number;
}

/**
 * Right first time → the engine's rule (Good, Easy when fast); right on the second try →
 * Hard; still wrong → Again.
 */
function suggestDrillRating(attempts: readonly Attempt[]): Rating {
  const last = attempts.at(-1);
  if (!last?.diff.match) return 1;
  if (attempts.length > 1) return ratingFromName("hard");
  return ratingFromName(defaultRating({ kind: "drill", correct: true, durationMs: last.ms }));
}

/**
 * Predict the output. The answer is graded line by line against the program's real output,
 * verified on CPython and Pyodide by every CI run. A miss shows which lines were right
 * (without giving the answer away) and allows another attempt; then the answer and the diff.
 */
export function DrillCard({ card, question, onRate, elapsedMs }: CardProps) {
  const drill = question.drills.find((d) => d.key === card.key) as Runnable | undefined;
  const [typed, setTyped] = useState("");
  const [attempts, setAttempts] = useState<Attempt[]>([]);
  const [revealed, setRevealed] = useState(false);
  const feedback = useRef<HTMLHeadingElement>(null);
  // After the answer: watch the drill's own code run, names and objects step by step.
  const showMe = !!drill && drill.runsOn !== "cpython" && showsMe(question, drill);
  const stepThrough = useStepThrough({
    getCode: () => drill?.code ?? "",
    stdin: drill?.stdin,
    name: card.title,
    ...(showMe ? { label: "Show me what happens" } : {}),
  });
  const last = attempts.at(-1);
  const retrying = !revealed && !!last && !last.diff.match;

  const check = () => {
    if (!drill || revealed) return;
    const diff = diffOutput(drill.expectedOutput, typed);
    const next = [...attempts, { diff, ms: elapsedMs() }];
    setAttempts(next);
    const { right, total } = diff.credit;
    if (diff.match || next.length >= MAX_ATTEMPTS) {
      setRevealed(true);
      const suggested = suggestDrillRating(next);
      announce(
        `${diff.match ? "Correct." : `${right} of ${total} lines right.`} Suggested rating: ${RATING_LABELS[suggested]}.`,
      );
    } else {
      announce(
        `${right} of ${total} lines right. Edit your answer and check again, or show the answer.`,
      );
    }
  };
  useShortcut("mod+Enter", check, { inFields: true, enabled: !revealed });

  // Once the answer is out, the verdict is what to read next (Enter then takes the
  // suggested rating); during a retry the focus stays in the box being corrected.
  useEffect(() => {
    if (!revealed) return;
    feedback.current?.focus({ preventScroll: true });
    feedback.current?.scrollIntoView({ block: "start" });
  }, [revealed]);

  if (!drill) return <p role="alert">This drill is no longer in the bank.</p>;
  const name = drillName(drill.title || card.title, question.question);
  const suggested = revealed ? suggestDrillRating(attempts) : undefined;
  const final = revealed ? last : undefined;

  return (
    <article className="card drill" aria-labelledby="card-title" data-kind="drill">
      <p className="kicker">Predict the output · {LEVEL_LABELS[question.level]}</p>
      <h2 id="card-title">
        <InlineCode text={name} />
      </h2>
      {drill.introHtml ? <Html html={drill.introHtml} /> : null}
      <CodeBlock label="Python code" python={drill.code} />
      {drill.stdin ? (
        <>
          <h3 className="label">Standard input</h3>
          <CodeBlock label="Standard input">{drill.stdin}</CodeBlock>
        </>
      ) : null}
      <label className="field">
        <span>What does it print?</span>
        <textarea
          className="mono"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          readOnly={revealed}
          rows={Math.min(12, Math.max(3, drill.expectedOutput.split("\n").length + 1))}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-describedby="drill-hint"
          data-autofocus
        />
      </label>
      {!revealed ? (
        <p id="drill-hint" className="hint keys">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> checks your answer
          {retrying ? " again" : ""}.
        </p>
      ) : null}
      {retrying && last ? (
        <section className="grade result-panel partial" aria-labelledby="grade-heading">
          <h3 id="grade-heading" className="verdict caution" data-testid="grade">
            {last.diff.credit.right} of {last.diff.credit.total} lines right
          </h3>
          <LineMarks credit={last.diff.credit} />
          <p className="muted">One more try: fix the lines marked ✗, or show the answer.</p>
        </section>
      ) : null}
      {!revealed ? (
        <p className="row actions">
          <button
            type="button"
            className="primary"
            onClick={check}
            aria-keyshortcuts="Control+Enter"
          >
            {retrying ? "Check again" : "Check"}
          </button>
          {retrying ? (
            <button
              type="button"
              onClick={() => {
                setRevealed(true);
                announce("Answer shown. Suggested rating: Again.");
              }}
            >
              Show answer
            </button>
          ) : null}
        </p>
      ) : null}
      {final ? (
        <>
          <section className="grade result-panel" aria-labelledby="grade-heading">
            <h3
              id="grade-heading"
              ref={feedback}
              tabIndex={-1}
              className={final.diff.match ? "verdict ok" : "verdict warn"}
              data-testid="grade"
            >
              {final.diff.match
                ? attempts.length > 1
                  ? "✓ Correct on the second try"
                  : "✓ Correct"
                : `✗ Not quite: ${final.diff.credit.right} of ${final.diff.credit.total} lines right`}
            </h3>
            {final.diff.match ? null : <DiffView diff={final.diff} />}
            <h4 className="label">The real output</h4>
            <CodeBlock className="output" label="The real output">
              {drill.expectedOutput}
            </CodeBlock>
            {showMe ? (
              // A reference drill: watching the names and objects is the explanation's
              // first half, so it comes straight after the real output.
              <div className="show-me" data-testid="show-me">
                <p className="row">{stepThrough.button}</p>
                {stepThrough.panel}
              </div>
            ) : null}
            {drill.explanationHtml ? <Html html={drill.explanationHtml} /> : null}
            {drill.runsOn === "cpython" || showMe ? null : (
              <>
                <p className="row">{stepThrough.button}</p>
                {stepThrough.panel}
              </>
            )}
            <details>
              <summary>Run it yourself</summary>
              <RunnableBlock
                runnable={{ ...drill, title: "", introHtml: "", explanationHtml: "" }}
                headingLevel={4}
              />
            </details>
          </section>
          <RatingBar
            suggested={suggested}
            autoFocus={false}
            onRate={(rating) =>
              onRate(
                rating,
                {
                  kind: "output",
                  correct: final.diff.match,
                  passed: final.diff.credit.right,
                  total: final.diff.credit.total,
                },
                final.ms,
              )
            }
          />
        </>
      ) : null}
    </article>
  );
}

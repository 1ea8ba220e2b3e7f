import { useEffect, useMemo, useRef, useState } from "react";
import { matchKeyPoints } from "../../study/grading/key-points.ts";
import { Html } from "../components/html.tsx";
import { RatingBar } from "../components/rating-bar.tsx";
import { RunnableBlock } from "../components/runnable-block.tsx";
import { announce } from "../lib/announce.ts";
import { htmlToText } from "../lib/html.ts";
import { LEVEL_LABELS } from "../lib/labels.ts";
import { useShortcut } from "../lib/shortcuts.ts";
import type { CardProps } from "./types.ts";

/** Question → optional typed answer → model answer with the touched key points → self-rating. */
export function ConceptCard({ question, onRate }: CardProps) {
  const [typed, setTyped] = useState("");
  const [revealed, setRevealed] = useState(false);
  const answerHeading = useRef<HTMLHeadingElement>(null);

  const checklist = useMemo(
    () =>
      revealed
        ? matchKeyPoints(
            typed,
            question.keyPoints.map((point) => ({
              text: htmlToText(point.html),
              terms: point.terms,
            })),
          )
        : null,
    [revealed, typed, question.keyPoints],
  );

  const reveal = () => {
    if (revealed) return;
    setRevealed(true);
    const result = matchKeyPoints(
      typed,
      question.keyPoints.map((point) => ({ text: htmlToText(point.html), terms: point.terms })),
    );
    announce(
      typed.trim()
        ? `Answer shown. Your answer touched ${result.touched} of ${result.total} key points.`
        : "Answer shown.",
    );
  };

  // The answer is what to read next: its heading takes the focus at the top of the screen, and
  // the rating bar (sticky at the bottom) is reachable without scrolling past the answer.
  useEffect(() => {
    if (!revealed) return;
    answerHeading.current?.focus({ preventScroll: true });
    answerHeading.current?.scrollIntoView({ block: "start" });
  }, [revealed]);

  useShortcut(" ", reveal, { enabled: !revealed });
  useShortcut("mod+Enter", reveal, { enabled: !revealed, inFields: true });

  return (
    <article className="card concept" aria-labelledby="card-title" data-kind="concept">
      <p className="kicker">Concept · {LEVEL_LABELS[question.level]}</p>
      <h2 id="card-title">{question.question}</h2>
      {question.contextHtml ? <Html html={question.contextHtml} /> : null}
      <label className="field">
        <span>Your answer (optional)</span>
        <textarea
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          readOnly={revealed}
          rows={4}
          aria-describedby={revealed ? undefined : "concept-hint"}
        />
      </label>
      {!revealed ? (
        <p id="concept-hint" className="hint keys">
          <kbd>Space</kbd> or <kbd>Ctrl</kbd>+<kbd>Enter</kbd> shows the answer.
        </p>
      ) : null}
      {!revealed ? (
        <button type="button" className="primary" onClick={reveal} aria-keyshortcuts="Space">
          Show answer
        </button>
      ) : (
        <>
          <section className="answer" aria-labelledby="answer-heading">
            <h3 id="answer-heading" ref={answerHeading} tabIndex={-1}>
              Answer
            </h3>
            <Html html={question.answerHtml} />
            {checklist && checklist.total > 0 ? (
              <>
                <h3>Key points</h3>
                {typed.trim() ? (
                  <p data-testid="touched">
                    Your answer touched {checklist.touched} of {checklist.total}.
                  </p>
                ) : null}
                <ul className="checklist">
                  {question.keyPoints.map((point, i) => {
                    const hit = checklist.items[i]?.matched ?? false;
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: key points have no id and never reorder
                      <li key={i} className={hit ? "touched" : ""}>
                        <span aria-hidden="true">{hit ? "✓" : "○"}</span>
                        <span className="sr-only">{hit ? "Touched: " : "Not touched: "}</span>
                        <Html as="span" html={point.html} />
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : null}
            {question.examples.slice(0, 1).map((example) => (
              <RunnableBlock key={example.key} runnable={example} headingLevel={4} />
            ))}
          </section>
          <RatingBar
            autoFocus={false}
            onRate={(rating) =>
              onRate(rating, {
                kind: "concept",
                ...(checklist ? { keyPoints: checklist.items.map((item) => item.matched) } : {}),
              })
            }
          />
        </>
      )}
    </article>
  );
}

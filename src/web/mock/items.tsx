import { useMemo, useRef, useState } from "react";
import type { MockAnswer, MockAnswerBody, MockItem } from "../../api/mocks.ts";
import type { Question, Rating } from "../../api/types.ts";
import type { ExerciseGrade } from "../../study/grading/exercise.ts";
import { matchKeyPoints } from "../../study/grading/key-points.ts";
import { diffOutput } from "../../study/grading/output-diff.ts";
import { CodeBlock } from "../components/code-block.tsx";
import { DiffView } from "../components/diff-view.tsx";
import { ExerciseView } from "../components/exercise-view.tsx";
import { Html } from "../components/html.tsx";
import { RATING_LABELS, RatingBar } from "../components/rating-bar.tsx";
import { announce } from "../lib/announce.ts";
import { htmlToText } from "../lib/html.ts";
import { useShortcut } from "../lib/shortcuts.ts";
import { drillName, InlineCode } from "../study/drill-title.tsx";

/** The candidate's part of an answer; the run adds the question id and the time spent. */
export type Submission =
  | { kind: "concept"; text: string; rating: Rating | null }
  | { kind: "drill"; output: string }
  | { kind: "exercise"; code: string; passed: number; total: number };

export function toBody(
  questionId: string,
  submission: Submission,
  durationMs: number,
): MockAnswerBody {
  return { questionId, durationMs: Math.round(durationMs), ...submission };
}

export interface ItemProps {
  item: MockItem;
  question: Question;
  /** The stored answer, once there is one: the item then shows what was graded. */
  answer: MockAnswer | undefined;
  draft: string;
  onDraft: (text: string) => void;
  submit: (submission: Submission) => Promise<void>;
  busy: boolean;
}

/** The item's own title: the question, or the drill's or exercise's. */
export function itemTitle(
  item: Pick<MockItem, "kind" | "key" | "title">,
  question: Question | undefined,
): string {
  if (!question) return item.title;
  if (item.kind === "drill") {
    const drill = question.drills.find((d) => d.key === item.key);
    return drillName(drill?.title ?? "", question.question);
  }
  if (item.kind === "exercise") {
    return question.exercises.find((e) => e.key === item.key)?.title ?? question.question;
  }
  return question.question;
}

/** Type the answer as you would say it; the key points it touched are marked, then rate it. */
export function ConceptItem({ question, answer, draft, onDraft, submit, busy }: ItemProps) {
  const [checked, setChecked] = useState(false);
  const keyPoints = useMemo(
    () => question.keyPoints.map((point) => ({ text: htmlToText(point.html), terms: point.terms })),
    [question.keyPoints],
  );
  const checklist = useMemo(() => matchKeyPoints(draft, keyPoints), [draft, keyPoints]);
  const check = () => {
    if (checked || answer) return;
    setChecked(true);
    announce(`Your answer touched ${checklist.touched} of ${checklist.total} key points. Rate it.`);
  };
  useShortcut("mod+Enter", check, { inFields: true, enabled: !checked && !answer });

  const touched =
    answer?.kind === "concept" ? answer.keyPoints : checklist.items.map((i) => i.matched);
  const showPoints = checked || !!answer;
  return (
    <>
      {question.contextHtml ? <Html html={question.contextHtml} /> : null}
      <label className="field">
        <span>Your answer</span>
        <textarea
          value={answer?.kind === "concept" ? answer.text : draft}
          onChange={(event) => onDraft(event.target.value)}
          readOnly={showPoints}
          rows={7}
          aria-describedby="mock-concept-hint"
          data-autofocus
          data-testid="mock-answer"
        />
      </label>
      {showPoints ? null : (
        <>
          <p id="mock-concept-hint" className="hint">
            Answer as you would aloud. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> checks it against the key
            points.
          </p>
          <p className="row">
            <button type="button" className="primary" onClick={check}>
              Check key points
            </button>
          </p>
        </>
      )}
      {showPoints ? (
        <section className="grade result-panel" aria-labelledby="mock-points-h">
          <h3 id="mock-points-h" data-testid="mock-touched">
            Your answer touched {touched.filter(Boolean).length} of {question.keyPoints.length} key
            points
          </h3>
          <ul className="checklist">
            {question.keyPoints.map((point, i) => {
              const hit = touched[i] ?? false;
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
        </section>
      ) : null}
      {answer?.kind === "concept" ? (
        <p className="muted">
          Answered
          {answer.rating ? `; you rated it ${RATING_LABELS[answer.rating]}` : ""}.
        </p>
      ) : checked ? (
        <RatingBar
          disabled={busy}
          onRate={(rating) => void submit({ kind: "concept", text: draft, rating })}
        />
      ) : null}
    </>
  );
}

/** Predict the output: graded against the verified output, as in study, the diff shown. */
export function DrillItem({ item, question, answer, draft, onDraft, submit, busy }: ItemProps) {
  const drill = question.drills.find((d) => d.key === item.key);
  const check = () => {
    if (answer || busy || !drill) return;
    void submit({ kind: "drill", output: draft });
  };
  useShortcut("mod+Enter", check, { inFields: true, enabled: !answer });
  if (!drill) return <p role="alert">This drill is no longer in the bank.</p>;
  const typed = answer?.kind === "drill" ? answer.output : draft;
  return (
    <>
      {drill.introHtml ? <Html html={drill.introHtml} /> : null}
      <CodeBlock label="Python code" python={drill.code} />
      {drill.stdin ? <CodeBlock label="Standard input">{drill.stdin}</CodeBlock> : null}
      <label className="field">
        <span>What does it print?</span>
        <textarea
          className="mono"
          value={typed}
          onChange={(event) => onDraft(event.target.value)}
          readOnly={!!answer}
          rows={Math.min(12, Math.max(3, drill.expectedOutput.split("\n").length + 1))}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          data-autofocus
          data-testid="mock-output"
        />
      </label>
      {answer?.kind === "drill" ? (
        <section className="grade result-panel" aria-labelledby="mock-drill-h">
          <h3
            id="mock-drill-h"
            className={answer.correct ? "verdict ok" : "verdict warn"}
            data-testid="mock-verdict"
          >
            {answer.correct ? "✓ Correct" : "✗ Not quite"}
          </h3>
          {answer.correct ? null : <DiffView diff={diffOutput(drill.expectedOutput, typed)} />}
        </section>
      ) : (
        <>
          <p className="hint">
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> checks your answer; there is one try in a mock.
          </p>
          <p className="row">
            <button
              type="button"
              className="primary"
              onClick={check}
              aria-disabled={busy || undefined}
            >
              Check
            </button>
          </p>
        </>
      )}
    </>
  );
}

/**
 * Write the function; Submit runs the hidden tests in the browser's Python as study does.
 * "Done" hands in the code with its last result (no Submit: nothing passed).
 */
export function ExerciseItem({ item, question, answer, submit, busy }: ItemProps) {
  const exercise = question.exercises.find((e) => e.key === item.key);
  const root = useRef<HTMLDivElement>(null);
  const [grade, setGrade] = useState<{ grade: ExerciseGrade; code: string | null } | null>(null);
  if (!exercise) return <p role="alert">This exercise is no longer in the bank.</p>;
  if (answer?.kind === "exercise") {
    return (
      <section className="grade result-panel" aria-labelledby="mock-ex-h">
        <h3
          id="mock-ex-h"
          className={
            answer.passed === answer.total && answer.total > 0 ? "verdict ok" : "verdict warn"
          }
        >
          Handed in: {answer.passed} of {answer.total} tests passed
        </h3>
        <CodeBlock label="Your code" python={answer.code} />
      </section>
    );
  }
  const done = async () => {
    const code = grade?.code ?? (await editorText(root.current)) ?? exercise.starter;
    await submit({
      kind: "exercise",
      code,
      passed: grade?.grade.passed ?? 0,
      total: grade?.grade.total ?? 0,
    });
  };
  return (
    <div ref={root}>
      <ExerciseView
        exercise={exercise}
        globalShortcuts
        onGraded={(next: ExerciseGrade, code?: string) => {
          void (async () => {
            setGrade({ grade: next, code: code ?? (await editorText(root.current)) });
          })();
        }}
      />
      <p className="row">
        <button
          type="button"
          className={grade?.grade.correct ? "primary" : ""}
          onClick={() => void done()}
          aria-disabled={busy || undefined}
          data-testid="mock-exercise-done"
        >
          {grade ? "Hand in and go on" : "Hand in without testing"}
        </button>
        {grade ? (
          <span className="muted small">
            Last Submit: {grade.grade.passed} of {grade.grade.total} tests passed.
          </span>
        ) : null}
      </p>
    </div>
  );
}

/**
 * The code in the exercise's editor. ExerciseView keeps its editor to itself, so the text
 * is read through CodeMirror's own lookup from the DOM (the editor module is loaded by then).
 */
async function editorText(root: HTMLElement | null): Promise<string | null> {
  const element = root?.querySelector<HTMLElement>(".cm-editor");
  if (!element) return null;
  const { EditorView } = await import("@codemirror/view");
  return EditorView.findFromDOM(element)?.state.doc.toString() ?? null;
}

export function ItemBody(props: ItemProps) {
  if (props.item.kind === "concept") return <ConceptItem {...props} />;
  if (props.item.kind === "drill") return <DrillItem {...props} />;
  return <ExerciseItem {...props} />;
}

export { InlineCode };

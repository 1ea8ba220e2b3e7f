import { useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import type { Mock, MockItemReport, MockReport as Report } from "../../api/mocks.ts";
import type { Question } from "../../api/types.ts";
import { diffOutput } from "../../study/grading/output-diff.ts";
import { useApp } from "../app-context.tsx";
import { CodeBlock } from "../components/code-block.tsx";
import { DiffView } from "../components/diff-view.tsx";
import { Html } from "../components/html.tsx";
import { RATING_LABELS } from "../components/rating-bar.tsx";
import { clock, dateTime, percent } from "../dashboard/format.ts";
import { LEVEL_LABELS, plural } from "../lib/labels.ts";
import { getQuestion } from "../study/question-cache.ts";
import { clearSession } from "../study/saved-session.ts";
import { InlineCode, itemTitle } from "./items.tsx";

const ENDINGS: Record<Report["endedBy"], string> = {
  candidate: "you ended it",
  time: "the time ran out",
  expired: "it was left paused for a week",
};
const KIND_LABELS = { concept: "Concept", drill: "Predict the output", exercise: "Exercise" };

/** The bank's questions for the report's items; a question gone from the bank stays absent. */
function useQuestions(ids: readonly string[]): ReadonlyMap<string, Question> {
  const [questions, setQuestions] = useState<ReadonlyMap<string, Question>>(new Map());
  const key = ids.join("\n");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `ids`
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map((id) => getQuestion(id).catch(() => null))).then((list) => {
      if (!live) return;
      setQuestions(new Map(list.flatMap((q) => (q ? [[q.id, q] as const] : []))));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return questions;
}

/** A finished mock: scores, time against targets, the answers beside the model ones. */
export function MockReport({ mock }: { mock: Mock }) {
  const report = mock.report;
  const { topicTitle } = useApp();
  const [, navigate] = useLocation();
  const questions = useQuestions(mock.items.map((i) => i.questionId));
  if (!report) return null;
  const missed = report.items.filter((item) => item.missed);

  return (
    <div className="mock-report" data-testid="mock-report">
      <h1 tabIndex={-1}>Mock interview report</h1>
      <p className="muted">
        {dateTime(mock.startedAt)} · ended because {ENDINGS[report.endedBy]}
      </p>
      <section className="panel" aria-labelledby="report-summary-h">
        <h2 id="report-summary-h" className="sr-only">
          Summary
        </h2>
        <dl className="stat-row">
          <div>
            <dt>Score</dt>
            <dd data-testid="report-score">{percent(report.score)}</dd>
          </div>
          <div>
            <dt>Answered</dt>
            <dd data-testid="report-answered">
              {report.answered} of {report.total}
            </dd>
          </div>
          <div>
            <dt>Time used</dt>
            <dd>
              {clock(report.durationMs)}{" "}
              <span className="muted small">of {clock(report.timeLimitMs)}</span>
            </dd>
          </div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="review-these-h" data-testid="review-these">
        <h2 id="review-these-h">Review these</h2>
        {missed.length === 0 ? (
          <p>Every question passed: nothing was added to your study queue.</p>
        ) : (
          <>
            <p>
              {plural(report.reviewCardIds.length, "card")} from this interview{" "}
              {report.reviewCardIds.length === 1 ? "is" : "are"} due now in your study queue.
            </p>
            <ul className="review-list">
              {missed.map((item) => (
                <li key={item.cardId}>
                  <InlineCode text={itemTitle(item, questions.get(item.questionId))} />{" "}
                  <span className="muted small">
                    {item.answered ? percent(item.score) : "not answered"}
                  </span>
                </li>
              ))}
            </ul>
            <p className="row">
              <button
                type="button"
                className="primary"
                onClick={() => {
                  // Today's saved session predates these cards: build the next one afresh.
                  clearSession();
                  navigate("/study");
                }}
              >
                Study them now
              </button>
            </p>
          </>
        )}
      </section>

      <div className="report-groups">
        <ScoreTable
          title="Score per topic"
          testId="report-topics"
          rows={report.byTopic.map((t) => ({ key: t.topic, label: topicTitle(t.topic), ...t }))}
        />
        <ScoreTable
          title="Score per level"
          testId="report-levels"
          rows={report.byLevel.map((l) => ({ key: l.level, label: LEVEL_LABELS[l.level], ...l }))}
        />
      </div>

      <section aria-labelledby="report-items-h">
        <h2 id="report-items-h">Question by question</h2>
        {report.items.map((item) => (
          <ItemReport key={item.questionId} item={item} question={questions.get(item.questionId)} />
        ))}
      </section>

      <p className="row">
        <Link className="button primary" href="/mock">
          Another mock interview
        </Link>
        <Link className="button" href="/progress">
          Your progress
        </Link>
      </p>
    </div>
  );
}

function ScoreTable({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: { key: string; label: string; score: number; items: number; answered: number }[];
  testId: string;
}) {
  return (
    <section className="panel" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      <table className="compact score-table">
        <thead>
          <tr>
            <th scope="col">{title.endsWith("topic") ? "Topic" : "Level"}</th>
            <th scope="col">Score</th>
            <th scope="col">Answered</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>
                <span className="score-cell">
                  <span className="meter" aria-hidden="true">
                    <span style={{ width: `${Math.round(row.score * 100)}%` }} />
                  </span>
                  {percent(row.score)}
                </span>
              </td>
              <td>
                {row.answered} of {row.items}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ItemReport({ item, question }: { item: MockItemReport; question: Question | undefined }) {
  const over = item.answered && item.durationMs > item.targetMs;
  const answer = item.answer;
  return (
    <article
      className="panel report-item"
      aria-labelledby={`ri-${item.index}`}
      data-testid="report-item"
    >
      <h3 id={`ri-${item.index}`}>
        {item.index + 1}. <InlineCode text={itemTitle(item, question)} />
      </h3>
      <p className="report-meta">
        <span className="badge">{KIND_LABELS[item.kind]}</span>{" "}
        <span className={`badge level-${item.level}`}>{LEVEL_LABELS[item.level]}</span>{" "}
        <strong className={item.missed ? "warn" : "ok"}>
          {item.answered ? percent(item.score) : "Not answered"}
        </strong>{" "}
        <span className={over ? "over" : "muted"}>
          {item.answered ? clock(item.durationMs) : "–"} of a {clock(item.targetMs)} target
          {over ? " (over)" : ""}
        </span>
      </p>
      <div className="side-by-side">
        <div>
          <h4 className="label">Your answer</h4>
          {!answer ? (
            <p className="muted">Not answered.</p>
          ) : answer.kind === "concept" ? (
            <>
              <p className="typed-answer">{answer.text || "(empty)"}</p>
              <p className="muted small">
                {answer.rating
                  ? `You rated it ${RATING_LABELS[answer.rating]}.`
                  : "Not rated: time ran out."}
              </p>
            </>
          ) : answer.kind === "drill" ? (
            <CodeBlock className="output" label="Your predicted output">
              {answer.output || " "}
            </CodeBlock>
          ) : (
            <>
              <CodeBlock label="Your code" python={answer.code} />
              <p className="muted small">
                {answer.passed} of {answer.total} tests passed.
              </p>
            </>
          )}
        </div>
        <div>
          <h4 className="label">Model answer</h4>
          <ModelAnswer item={item} question={question} />
        </div>
      </div>
      {item.kind === "concept" && item.missedKeyPoints.length > 0 ? (
        <>
          <h4 className="label">Key points missed</h4>
          <ul className="checklist missed" data-testid="missed-points">
            {item.missedKeyPoints.map((point) => {
              const html = question?.keyPoints[point.index]?.html;
              return (
                <li key={point.index}>
                  <span aria-hidden="true">○</span>
                  {html ? <Html as="span" html={html} /> : <span>{point.text}</span>}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </article>
  );
}

function ModelAnswer({ item, question }: { item: MockItemReport; question: Question | undefined }) {
  if (!question) return <p className="muted">This question is no longer in the bank.</p>;
  if (item.kind === "concept") return <Html className="model-answer" html={question.answerHtml} />;
  if (item.kind === "drill") {
    const drill = question.drills.find((d) => d.key === item.key);
    if (!drill) return <p className="muted">This drill is no longer in the bank.</p>;
    const answer = item.answer?.kind === "drill" ? item.answer : null;
    return (
      <>
        <CodeBlock className="output" label="The real output">
          {drill.expectedOutput}
        </CodeBlock>
        {answer && !answer.correct ? (
          <DiffView diff={diffOutput(drill.expectedOutput, answer.output)} />
        ) : null}
        {drill.explanationHtml ? <Html html={drill.explanationHtml} /> : null}
      </>
    );
  }
  const exercise = question.exercises.find((e) => e.key === item.key);
  if (!exercise) return <p className="muted">This exercise is no longer in the bank.</p>;
  return <CodeBlock label="Reference solution" python={exercise.solution} />;
}

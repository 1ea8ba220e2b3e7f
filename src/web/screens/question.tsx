import { Link } from "wouter";
import type { Question } from "../../api/types.ts";
import { useApp, useNeedsSignIn } from "../app-context.tsx";
import { ExerciseView } from "../components/exercise-view.tsx";
import { Html } from "../components/html.tsx";
import { capitalise, InlineCode } from "../components/inline-code.tsx";
import { RunnableBlock } from "../components/runnable-block.tsx";
import { LEVEL_LABELS, STATUS_LABELS } from "../lib/labels.ts";
import { useApi } from "../lib/use-api.ts";
import { drillHeading } from "../study/drill-title.tsx";

/** A question's own page: readable by anyone, examples runnable in place. */
export function QuestionScreen({ params }: { params: { id?: string } }) {
  const id = params.id ?? "";
  const { topicTitle } = useApp();
  const needsSignIn = useNeedsSignIn();
  const { data: q, error } = useApi<Question>(`/api/questions/${encodeURIComponent(id)}`);

  if (error) {
    return (
      <section className="panel">
        <h1 tabIndex={-1}>Question not found</h1>
        <p role="alert">{error.message}</p>
        <Link href="/library">Back to the library</Link>
      </section>
    );
  }
  if (!q) return <p aria-busy="true">Loading…</p>;

  return (
    <article className="question-page" aria-labelledby="question-title">
      <p className="meta">
        <span className={`badge level-${q.level}`}>{LEVEL_LABELS[q.level]}</span>
        <span>{q.topics.map(topicTitle).join(", ")}</span>
        <span>· about {q.minutes} min</span>
        {q.status ? (
          <span className={`badge status-${q.status}`}>{STATUS_LABELS[q.status]}</span>
        ) : null}
      </p>
      <h1 id="question-title" tabIndex={-1}>
        {q.question}
      </h1>
      <p className="row">
        <Link
          className="button primary"
          href={needsSignIn ? "/sign-in" : `/study?question=${encodeURIComponent(q.id)}`}
        >
          Study this
        </Link>
        <Link href="/library">Back to the library</Link>
      </p>
      {q.contextHtml ? <Html html={q.contextHtml} /> : null}
      <section aria-labelledby="answer-h">
        <h2 id="answer-h">Answer</h2>
        <Html html={q.answerHtml} />
      </section>
      <HtmlList id="kp-h" title="Key points" items={q.keyPoints.map((point) => point.html)} />
      {q.examples.length > 0 ? (
        <section aria-labelledby="ex-h">
          <h2 id="ex-h">Examples</h2>
          {q.examples.map((example) => (
            <RunnableBlock key={example.key} runnable={example} />
          ))}
        </section>
      ) : null}
      {q.drills.length > 0 ? (
        <section aria-labelledby="dr-h">
          <h2 id="dr-h">Predict the output</h2>
          {q.drills.map((drill, i) => (
            <RunnableBlock
              key={drill.key}
              runnable={{ ...drill, title: drillHeading(drill.title, i) }}
            />
          ))}
        </section>
      ) : null}
      {q.exercises.length > 0 ? (
        <section aria-labelledby="xr-h">
          <h2 id="xr-h">Exercises</h2>
          {q.exercises.map((exercise) => (
            <section key={exercise.key} aria-label={exercise.title}>
              <h3>
                <InlineCode text={capitalise(exercise.title)} />
              </h3>
              <ExerciseView exercise={exercise} />
            </section>
          ))}
        </section>
      ) : null}
      <HtmlList id="mi-h" title="Common mistakes" items={q.mistakes} />
      <HtmlList id="fu-h" title="Follow-up questions" items={q.followUps} />
    </article>
  );
}

/** A titled bullet list of the bank's HTML snippets; nothing at all when it is empty. */
function HtmlList({ id, title, items }: { id: string; title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul>
        {items.map((html, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed lists from the bank, never reordered
          <li key={i}>
            <Html as="span" html={html} />
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Mock } from "../../api/mocks.ts";
import type { Question } from "../../api/types.ts";
import { ApiError } from "../api/client.ts";
import { clock, spoken } from "../dashboard/format.ts";
import { announce } from "../lib/announce.ts";
import { LEVEL_LABELS } from "../lib/labels.ts";
import { getQuestion, prefetchQuestions } from "../study/question-cache.ts";
import { answerMock, finishMock, getMock, pauseMock } from "./api.ts";
import { useRemaining } from "./countdown.ts";
import { InlineCode, ItemBody, itemTitle, type Submission, toBody } from "./items.tsx";
import { clearLocal, loadLocal, saveLocal } from "./local-state.ts";

const KIND_LABELS = { concept: "Concept", drill: "Predict the output", exercise: "Exercise" };
/** Moments the countdown is read out. */
const WARNINGS_MS = [5 * 60_000, 60_000];

/**
 * The interview itself: one question at a time, the countdown for the whole interview, a
 * soft target per question, skip and come back, pause (local profile). Answers go to the
 * server as they are given; drafts and time per question stay in this browser, so a
 * reload resumes where the candidate was. When time runs out the open draft is handed in
 * and the interview ends.
 */
export function MockRun({ initial, onEnd }: { initial: Mock; onEnd: (mock: Mock) => void }) {
  const [mock, setMock] = useState(initial);
  const local = useRef(loadLocal(initial.id));
  const answeredIds = useMemo(() => new Set(mock.answers.map((a) => a.questionId)), [mock.answers]);
  const firstOpen = (after = -1) => {
    const n = mock.items.length;
    for (let step = 1; step <= n; step++) {
      const i = (after + step + n) % n;
      const item = mock.items[i];
      if (item && !answeredIds.has(item.questionId)) return i;
    }
    return -1;
  };
  const [index, setIndex] = useState(() => {
    const saved = local.current.current;
    return saved >= 0 && saved < initial.items.length ? saved : Math.max(0, firstOpen());
  });
  const [drafts, setDrafts] = useState(local.current.drafts);
  const [question, setQuestion] = useState<Question | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const ending = useRef(false);
  const remaining = useRemaining(mock);
  const paused = mock.pausedAt !== null;
  const item = mock.items[index];
  const answer = item ? mock.answers.find((a) => a.questionId === item.questionId) : undefined;

  // Time per question: banked when the candidate moves on, pauses or answers.
  const since = useRef(performance.now());
  const [, tick] = useState(0);
  const bank = useCallback(() => {
    const now = performance.now();
    if (item && !paused && !answeredIds.has(item.questionId)) {
      const times = local.current.times;
      times[item.questionId] = (times[item.questionId] ?? 0) + (now - since.current);
    }
    since.current = now;
  }, [item, paused, answeredIds]);
  const spent = (id: string) =>
    (local.current.times[id] ?? 0) +
    (item?.questionId === id && !paused && !answeredIds.has(id)
      ? performance.now() - since.current
      : 0);

  useEffect(() => {
    local.current = { ...local.current, current: index, drafts };
    saveLocal(mock.id, local.current);
  }, [index, drafts, mock.id]);
  useEffect(() => {
    const timer = setInterval(() => {
      bank();
      saveLocal(mock.id, local.current);
      tick((n) => n + 1);
    }, 1000);
    return () => clearInterval(timer);
  }, [bank, mock.id]);

  useEffect(() => {
    if (!item) return;
    let live = true;
    setQuestion((q) => (q?.id === item.questionId ? q : null));
    getQuestion(item.questionId).then(
      (q) => live && setQuestion(q),
      (error: Error) => live && setProblem(`Could not load the question: ${error.message}`),
    );
    prefetchQuestions(mock.items.map((i) => i.questionId));
    return () => {
      live = false;
    };
  }, [item, mock.items]);

  // Each question takes the focus: its answer box, or its title.
  useLayoutEffect(() => {
    if (!item || question?.id !== item.questionId) return;
    const root = document.querySelector<HTMLElement>(".mock-item");
    const target =
      root?.querySelector<HTMLElement>("textarea[data-autofocus]:not([readonly])") ??
      root?.querySelector<HTMLElement>("h2");
    target?.focus({ preventScroll: false });
  }, [item, question]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `spent` reads refs only
  const end = useCallback(
    async (how: "finish" | "time") => {
      if (ending.current) return;
      ending.current = true;
      setBusy(true);
      try {
        if (how === "time") {
          announce("Time is up. The interview is over.");
          // What was being typed when the time ran out still counts.
          const open = item && !answeredIds.has(item.questionId) ? item : undefined;
          const draft = open ? (drafts[open.questionId] ?? "").trim() : "";
          if (open && draft && open.kind !== "exercise") {
            const submission: Submission =
              open.kind === "concept"
                ? { kind: "concept", text: draft, rating: null }
                : { kind: "drill", output: draft };
            await answerMock(
              mock.id,
              toBody(open.questionId, submission, spent(open.questionId)),
            ).catch(() => undefined);
          }
        }
        const done = await finishMock(mock.id);
        clearLocal(mock.id);
        onEnd(done);
      } catch (error) {
        ending.current = false;
        setBusy(false);
        setProblem(`Could not end the interview: ${(error as Error).message}. Try again.`);
      }
    },
    [item, drafts, mock.id, onEnd, answeredIds],
  );

  useEffect(() => {
    if (mock.status === "active" && !paused && remaining <= 0) void end("time");
  }, [remaining, paused, mock.status, end]);

  const warned = useRef(new Set<number>());
  useEffect(() => {
    for (const mark of WARNINGS_MS) {
      if (remaining <= mark && remaining > mark - 2000 && !warned.current.has(mark)) {
        warned.current.add(mark);
        announce(`${spoken(mark)} left.`);
      }
    }
  }, [remaining]);

  const go = (to: number) => {
    bank();
    setProblem(null);
    setIndex(to);
  };

  const submit = async (submission: Submission) => {
    if (!item || busy) return;
    bank();
    setBusy(true);
    setProblem(null);
    try {
      const res = await answerMock(
        mock.id,
        toBody(item.questionId, submission, local.current.times[item.questionId] ?? 0),
      );
      setMock(res.mock);
      const left = res.mock.items.filter(
        (i) => !res.mock.answers.some((a) => a.questionId === i.questionId),
      );
      if (left.length === 0) {
        announce("Every question answered.");
        setBusy(false);
        await end("finish");
        return;
      }
      // A drill's verdict is read before moving on; the others go straight to the next.
      if (submission.kind !== "drill") {
        const next = res.mock.items.findIndex(
          (i, n) => n > index && !res.mock.answers.some((a) => a.questionId === i.questionId),
        );
        setIndex(next >= 0 ? next : Math.max(0, left[0] ? res.mock.items.indexOf(left[0]) : 0));
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // The server says it is over (time ran out there) or paused: take its word.
        const fresh = await getMock(mock.id).catch(() => null);
        if (fresh?.status === "finished") {
          clearLocal(mock.id);
          onEnd(fresh);
          return;
        }
        if (fresh) setMock(fresh);
      }
      setProblem(`Your answer was not saved: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const togglePause = async () => {
    bank();
    setBusy(true);
    try {
      const next = await pauseMock(mock.id, !paused);
      setMock(next);
      announce(next.pausedAt ? "Paused. The clock is stopped." : "Resumed.");
    } catch (error) {
      setProblem(`Could not ${paused ? "resume" : "pause"}: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const answeredCount = mock.answers.length;
  const target = (item?.minutes ?? 0) * 60_000;
  const onThis = item ? spent(item.questionId) : 0;
  const low = remaining <= 60_000;
  const title = item ? itemTitle(item, question ?? undefined) : "";

  return (
    <div className="mock-run" data-testid="mock-run">
      <header className="mock-bar">
        <h1 className="sr-only">Mock interview in progress</h1>
        <p className="mock-clock">
          <span className="label">Time left</span>
          <span
            role="timer"
            aria-live="off"
            className={low ? "mock-time low" : "mock-time"}
            data-testid="mock-countdown"
          >
            {clock(remaining)}
          </span>
        </p>
        <p className="mock-progress" data-testid="mock-progress">
          {answeredCount} of {mock.items.length} answered
        </p>
        <div className="row mock-controls">
          {mock.canPause ? (
            <button
              type="button"
              onClick={() => void togglePause()}
              aria-disabled={busy || undefined}
            >
              {paused ? "Resume" : "Pause"}
            </button>
          ) : null}
          <button type="button" className="ghost" onClick={() => setConfirmEnd(true)}>
            End interview
          </button>
        </div>
      </header>
      {confirmEnd ? (
        <div className="notice mock-confirm" role="alertdialog" aria-labelledby="mock-confirm-h">
          <p id="mock-confirm-h">
            End the interview now? {mock.items.length - answeredCount} unanswered{" "}
            {mock.items.length - answeredCount === 1 ? "question scores" : "questions score"} 0.
          </p>
          <p className="row">
            <button type="button" className="primary" onClick={() => void end("finish")}>
              End and see the report
            </button>
            <button type="button" onClick={() => setConfirmEnd(false)}>
              Keep going
            </button>
          </p>
        </div>
      ) : null}
      <nav className="mock-steps" aria-label="Questions">
        <ol>
          {mock.items.map((step, i) => {
            const done = answeredIds.has(step.questionId);
            return (
              <li key={step.questionId}>
                <button
                  type="button"
                  className={done ? "step done" : "step"}
                  aria-current={i === index ? "step" : undefined}
                  aria-label={`Question ${i + 1}${done ? ", answered" : ""}`}
                  onClick={() => go(i)}
                  disabled={paused}
                >
                  {done ? "✓" : i + 1}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      {problem ? (
        <p role="alert" className="warn">
          {problem}
        </p>
      ) : null}
      {paused ? (
        <section className="panel mock-paused" aria-labelledby="mock-paused-h">
          <h2 id="mock-paused-h">Paused</h2>
          <p>The clock is stopped and the question is hidden until you resume.</p>
          <button type="button" className="primary" onClick={() => void togglePause()}>
            Resume
          </button>
        </section>
      ) : item && question?.id === item.questionId ? (
        <article className="card mock-item" aria-labelledby="mock-item-h" data-kind={item.kind}>
          <p className="kicker">
            Question {index + 1} of {mock.items.length} · {KIND_LABELS[item.kind]} ·{" "}
            {LEVEL_LABELS[item.level]}
          </p>
          <h2 id="mock-item-h" tabIndex={-1}>
            <InlineCode text={title} />
          </h2>
          <p
            className={onThis > target ? "mock-target over" : "mock-target"}
            data-testid="mock-target"
          >
            {clock(onThis)} on this question · target {item.minutes} min
            {onThis > target ? " (over the target: consider moving on)" : ""}
          </p>
          <ItemBody
            key={item.questionId}
            item={item}
            question={question}
            answer={answer}
            draft={drafts[item.questionId] ?? ""}
            onDraft={(text) => setDrafts((d) => ({ ...d, [item.questionId]: text }))}
            submit={submit}
            busy={busy}
          />
          <p className="row mock-nav">
            {answer ? (
              <button
                type="button"
                className="primary"
                onClick={() => go(Math.max(0, firstOpen(index)))}
                data-testid="mock-next"
              >
                Next question
              </button>
            ) : mock.items.length - answeredCount > 1 ? (
              <button type="button" onClick={() => go(firstOpen(index))} data-testid="mock-skip">
                Skip for now
              </button>
            ) : null}
          </p>
        </article>
      ) : (
        <p aria-busy="true">Loading the question…</p>
      )}
    </div>
  );
}

import { randomUUID } from "node:crypto";
import type { Bank } from "../../content/bank.ts";
import type { Store } from "../../store/store.ts";
import { gradeSubmission } from "../../study/mock/answers.ts";
import { ANSWER_GRACE_MS, answerRefusal, elapsedMs, remainingMs } from "../../study/mock/clock.ts";
import {
  addAnswer,
  expireMock,
  finishMock,
  type KeyPointTexts,
  pauseMock,
  resumeMock,
  startMock,
} from "../../study/mock/lifecycle.ts";
import type { MockRecord } from "../../study/mock/types.ts";
import { openBank } from "../bank.ts";
import { type DatabaseFlags, openUserStore, USER_ID } from "../database.ts";
import { CliError, INTERRUPTED_EXIT_CODE, Interrupted } from "../errors.ts";
import { claimInterrupts } from "../interrupt.ts";
import { Countdown, clock } from "../mock/countdown.ts";
import { askItem } from "../mock/items.ts";
import { printReport } from "../mock/report.ts";
import { askKey } from "../prompts.ts";
import { type BackendChoice, SessionPython } from "../python.ts";
import { chooseEditor } from "../study/editor.ts";
import { detectTerminal } from "../terminal.ts";
import { type MockFlags, planFromBank, setupFromFlags } from "./mock.ts";

/** The interactive mock's flags: `pyprep mock`'s, plus the study session's where given. */
export interface MockSessionFlags extends MockFlags, DatabaseFlags {
  backend?: BackendChoice;
  editor?: string;
}

export interface MockSessionOptions {
  /** The clock; tests pass a fast one to reach the deadline in seconds. */
  now?: () => Date;
}

/**
 * `pyprep mock` without `--plan`: a timed mock interview in the terminal, kept exactly
 * as the web app's (the server's mock routes and this call the same study engine and
 * store methods): started with the planner's plan, each answer graded and stored as
 * it is given, finished into the engine's report, the missed cards put in the review
 * queue. The prompt shows the time left; when it runs out the open prompt closes and
 * the report is made from what was answered. Ctrl-C pauses the mock (the clock stops);
 * the next `pyprep mock` or the web app resumes it. Sets the exit status.
 */
export async function runMockSession(
  flags: MockSessionFlags,
  options: MockSessionOptions = {},
): Promise<void> {
  const now = options.now ?? (() => new Date());
  const term = detectTerminal();
  if (!term.interactive) {
    throw new CliError(
      "mock needs a terminal: stdin and stdout must both be a TTY (add --plan --json for the plan in a script)",
    );
  }
  const { bank } = await openBank(term, flags);
  const python = new SessionPython(flags.backend ?? "auto");
  await python.check();
  const store = await openUserStore(flags);
  const interrupts = claimInterrupts();
  const keyPointTexts: KeyPointTexts = (id) =>
    bank.byId.get(id)?.keyPoints.map((point) => point.text) ?? [];
  try {
    let mock = await openMock(store, bank, flags, now, keyPointTexts);
    const countdown = new Countdown(term, () => remainingMs(mock, now()));
    term.print(
      term.paint.bold(
        `Mock interview: ${mock.plan.items.length} question${mock.plan.items.length === 1 ? "" : "s"}, ${clock(remainingMs(mock, now()))} left.`,
      ),
    );
    term.print(term.paint.dim("The clock runs in every prompt; Ctrl-C pauses the interview."));
    countdown.start();
    let paused = false;
    try {
      const answered = new Set(mock.answers.map((answer) => answer.questionId));
      for (const [index, item] of mock.plan.items.entries()) {
        if (answered.has(item.questionId)) continue;
        const question = bank.byId.get(item.questionId);
        if (!question) continue;
        term.print();
        term.print(
          term.paint.dim(
            `Question ${index + 1} of ${mock.plan.items.length} ${term.glyphs.dot} ${item.kind} ${term.glyphs.dot} ${item.level} ${term.glyphs.dot} about ${item.minutes} min`,
          ),
        );
        const submission = await askItem({
          term,
          item,
          question,
          countdown,
          python,
          editor: chooseEditor(flags.editor),
          interrupts: interrupts.signal,
          now: () => now().getTime(),
        });
        const at = now();
        const updated = await store.mocks.update(USER_ID, mock.id, (current) => {
          if (answerRefusal(current, at)) return null;
          const answer = gradeSubmission(item, submission, question, at);
          // As the server does: time per question cannot exceed the interview's own.
          const cap = elapsedMs(current, at) + ANSWER_GRACE_MS;
          return addAnswer(current, { ...answer, durationMs: Math.min(answer.durationMs, cap) });
        });
        if (updated) mock = updated.mock;
        if (updated && !updated.changed) {
          term.print(term.paint.yellow("Time was up: that answer came too late to count."));
          break;
        }
        term.print(term.paint.dim("Answer saved."));
        if (countdown.timeUp) break;
      }
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      if (!countdown.timeUp) paused = true;
    } finally {
      countdown.stop();
    }

    if (paused) {
      const result = await store.mocks.update(USER_ID, mock.id, (m) => pauseMock(m, now()));
      const left = clock(remainingMs(result?.mock ?? mock, now()));
      term.print();
      term.print(
        `Paused with ${left} left and ${mock.answers.length} answer${mock.answers.length === 1 ? "" : "s"} saved: pyprep mock (or the web app) resumes it.`,
      );
      process.exitCode = INTERRUPTED_EXIT_CODE;
      return;
    }
    if (countdown.timeUp) term.print(term.paint.yellow("\nTime is up."));
    const finished = await store.mocks.update(USER_ID, mock.id, (m) =>
      finishMock(m, now(), keyPointTexts),
    );
    const report = finished?.mock.report;
    if (!report) throw new Error(`mock ${mock.id} has no report after finishing`);
    printReport(term, report, bank);
    process.exitCode = 0;
  } finally {
    interrupts.release();
    await Promise.all([python.close(), store.close()]);
  }
}

/**
 * The mock to sit: an open one (a paused or unfinished interview, from here or the web
 * app) if the candidate wants to go on with it, else a new one from the flags. Mocks
 * past their time are closed into their reports first, as the server does on reading.
 */
async function openMock(
  store: Store,
  bank: Bank,
  flags: MockSessionFlags,
  now: () => Date,
  keyPointTexts: KeyPointTexts,
): Promise<MockRecord> {
  let open: MockRecord | undefined;
  for (const entry of await store.mocks.list(USER_ID, { status: "active" })) {
    if (!entry.mock) continue;
    const settled = await store.mocks.update(USER_ID, entry.mock.id, (m) =>
      expireMock(m, now(), keyPointTexts),
    );
    if (settled?.mock.status === "active") open ??= settled.mock;
  }
  if (open) {
    const choice = await askKey(
      `An unfinished mock interview: ${open.answers.length} of ${open.plan.items.length} answered, ${clock(remainingMs(open, now()))} left.`,
      [
        { key: "r", label: "resume it" },
        { key: "n", label: "finish it as it stands and start a new one" },
      ],
      "r",
    );
    if (choice === "r") {
      const resumed = await store.mocks.update(USER_ID, open.id, (m) => resumeMock(m, now()));
      return resumed?.mock ?? open;
    }
    await store.mocks.update(USER_ID, open.id, (m) => finishMock(m, now(), keyPointTexts));
  }
  const setup = setupFromFlags(bank, flags);
  const plan = planFromBank(bank, setup);
  return store.mocks.create(USER_ID, startMock(randomUUID(), setup, plan, now()));
}

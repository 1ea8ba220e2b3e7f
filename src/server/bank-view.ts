import type {
  Question as ApiQuestion,
  Runnable as ApiRunnable,
  QuestionSummary,
} from "../api/types.ts";
import type { Bank } from "../content/bank.ts";
import { renderMarkdown } from "../content/render-html.ts";
import type { Level, Question, Runnable } from "../content/schema.ts";
import { effectiveOptions, LEVELS } from "../content/schema.ts";
import { buildSearchIndex, type SearchIndex } from "../content/search.ts";
import { deriveCards } from "../study/cards.ts";
import type { StudyCard } from "../study/types.ts";

export type { QuestionSummary };
export type RunnableJson = ApiRunnable;
export type QuestionJson = ApiQuestion;

/**
 * Everything the API says about the bank, computed once at start-up: the bank does not
 * change while the server runs, so Markdown is rendered and the search index built once
 * rather than per request.
 */
export interface BankView {
  bank: Bank;
  cards: readonly StudyCard[];
  cardById: ReadonlyMap<string, StudyCard>;
  cardsByQuestion: ReadonlyMap<string, readonly StudyCard[]>;
  summaries: readonly QuestionSummary[];
  questionJson(id: string): QuestionJson | undefined;
  search: SearchIndex;
  topics: { id: string; title: string; about: string; count: number }[];
  levels: { id: Level; count: number }[];
}

export function buildBankView(bank: Bank): BankView {
  const cards = deriveCards(bank);
  const cardById = new Map(cards.map((card) => [card.id, card]));
  const cardsByQuestion = new Map<string, StudyCard[]>();
  for (const card of cards) {
    const list = cardsByQuestion.get(card.questionId);
    if (list) list.push(card);
    else cardsByQuestion.set(card.questionId, [card]);
  }
  const summaries = bank.questions.map(summaryOf);
  const rendered = new Map<string, QuestionJson>();
  return {
    bank,
    cards,
    cardById,
    cardsByQuestion,
    summaries,
    questionJson(id) {
      const question = bank.byId.get(id);
      if (!question) return undefined;
      let json = rendered.get(id);
      if (!json) {
        json = questionToJson(question, cardsByQuestion.get(id) ?? []);
        rendered.set(id, json);
      }
      return json;
    },
    search: buildSearchIndex(bank.questions),
    topics: bank.topics.map((topic) => ({
      ...topic,
      count: bank.byTopic.get(topic.id)?.length ?? 0,
    })),
    levels: LEVELS.map((level) => ({ id: level, count: bank.byLevel.get(level)?.length ?? 0 })),
  };
}

function summaryOf(question: Question): QuestionSummary {
  return {
    id: question.id,
    level: question.level,
    topics: question.topics,
    covers: question.covers,
    question: question.question,
    difficulty: question.difficulty,
    minutes: question.minutes,
  };
}

/**
 * Where code may run, as the browser needs it: "both" means Pyodide can run it; a
 * block (or question) pinned to CPython cannot run in the browser.
 */
function runsOnOf(question: Question, block: Runnable["source"]["options"]) {
  const options = effectiveOptions(question, block);
  const runsOn: "both" | "cpython" = options.runsOn === "cpython" ? "cpython" : "both";
  return {
    runsOn,
    ...(runsOn === "cpython" && question.runsOnReason
      ? { runsOnReason: question.runsOnReason }
      : {}),
    ...(options.requiresPython ? { requiresPython: options.requiresPython } : {}),
  };
}

function runnableJson(question: Question, runnable: Runnable): RunnableJson {
  return {
    key: runnable.key,
    title: runnable.title,
    introHtml: renderMarkdown(runnable.intro),
    code: runnable.source.code,
    ...(runnable.stdin === undefined ? {} : { stdin: runnable.stdin }),
    expectedOutput: runnable.expectedOutput,
    explanationHtml: renderMarkdown(runnable.explanation),
    ...runsOnOf(question, runnable.source.options),
    ...(runnable.source.options.visualize ? { visualize: runnable.source.options.visualize } : {}),
  };
}

function questionToJson(question: Question, cards: readonly StudyCard[]): QuestionJson {
  return {
    ...summaryOf(question),
    contextHtml: renderMarkdown(question.context),
    answerHtml: renderMarkdown(question.answer),
    keyPoints: question.keyPoints.map((point) => ({
      html: renderMarkdown(point.text),
      terms: point.terms,
    })),
    examples: question.examples.map((r) => runnableJson(question, r)),
    drills: question.drills.map((r) => runnableJson(question, r)),
    exercises: question.exercises.map((exercise) => {
      const { runsOn, runsOnReason } = runsOnOf(question, exercise.options);
      return {
        key: exercise.key,
        title: exercise.title,
        promptHtml: renderMarkdown(exercise.prompt),
        starter: exercise.starter.code,
        solution: exercise.solution.code,
        tests: exercise.tests.code,
        runsOn,
        ...(runsOnReason ? { runsOnReason } : {}),
      };
    }),
    followUps: question.followUps.map(renderMarkdown),
    mistakes: question.mistakes.map(renderMarkdown),
    cards: cards.map((card) => ({
      id: card.id,
      kind: card.kind,
      ...(card.key ? { key: card.key } : {}),
    })),
  };
}

import { z } from "zod";
import { LEVELS } from "../content/schema.ts";
import {
  MAX_ANSWER_CHARS,
  MAX_CODE_CHARS,
  MAX_MOCK_MINUTES,
  MAX_MOCK_QUESTIONS,
  MAX_SEED,
  MAX_TESTS,
  MOCK_ENDINGS,
  MOCK_TASK_KINDS,
  type MockRecord,
} from "../study/mock/types.ts";
import { RATINGS } from "../study/types.ts";

/** A mock's `details` say what they are, so a plain result saved by `saveMockResult` is told apart. */
export const MOCK_DETAILS_FORMAT = "pyprep-mock";
export const MOCK_DETAILS_VERSION = 1;

const isoDate = z.iso.datetime({ offset: true });
const level = z.enum(LEVELS);
const id = z.string().min(1).max(300);
const topics = z.array(z.string().min(1).max(100)).max(100);
const count = z.number().int().min(0);
const share = z.number().min(0).max(1);
const duration = z.number().int().min(0).max(2_147_483_647);
const difficulty = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const setup = z.object({
  levels: z.array(level).max(LEVELS.length),
  topics,
  budget: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("minutes"),
      minutes: z.number().int().min(1).max(MAX_MOCK_MINUTES),
    }),
    z.object({
      kind: z.literal("questions"),
      count: z.number().int().min(1).max(MAX_MOCK_QUESTIONS),
    }),
  ]),
  includeExercises: z.boolean(),
  preferWeakTopics: z.boolean(),
  seed: z.number().int().min(0).max(MAX_SEED),
});

const planItem = z.object({
  questionId: id,
  cardId: id,
  kind: z.enum(MOCK_TASK_KINDS),
  key: z.string().min(1).max(100).optional(),
  level,
  topics,
  difficulty,
  minutes: z.number().int().min(1).max(MAX_MOCK_MINUTES),
  title: z.string().max(2_000),
});

const plan = z.object({
  seed: z.number().int().min(0).max(MAX_SEED),
  items: z.array(planItem).max(MAX_MOCK_QUESTIONS),
  totalMinutes: count,
  timeLimitMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});

const answerBase = { questionId: id, answeredAt: isoDate, durationMs: duration };
const answer = z.discriminatedUnion("kind", [
  z.object({
    ...answerBase,
    kind: z.literal("concept"),
    text: z.string().max(MAX_ANSWER_CHARS),
    rating: z.enum(RATINGS).nullable(),
    keyPoints: z.array(z.boolean()).max(20),
  }),
  z.object({
    ...answerBase,
    kind: z.literal("drill"),
    output: z.string().max(MAX_ANSWER_CHARS),
    correct: z.boolean(),
  }),
  z.object({
    ...answerBase,
    kind: z.literal("exercise"),
    code: z.string().max(MAX_CODE_CHARS),
    passed: count.max(MAX_TESTS),
    total: count.max(MAX_TESTS),
  }),
]);

const group = { score: share, items: count, answered: count };
const report = z.object({
  score: share,
  answered: count,
  total: count,
  endedBy: z.enum(MOCK_ENDINGS),
  durationMs: duration,
  timeLimitMs: duration,
  byTopic: z.array(z.object({ ...group, topic: z.string().max(100) })).max(1_000),
  byLevel: z.array(z.object({ ...group, level })).max(LEVELS.length),
  items: z
    .array(
      planItem.omit({ difficulty: true, minutes: true }).extend({
        index: count,
        targetMs: duration,
        durationMs: duration,
        answered: z.boolean(),
        score: share,
        missed: z.boolean(),
        missedKeyPoints: z
          .array(z.object({ index: count, text: z.string().max(MAX_ANSWER_CHARS) }))
          .max(20),
        answer: answer.nullable(),
      }),
    )
    .max(MAX_MOCK_QUESTIONS),
  reviewCardIds: z.array(id).max(MAX_MOCK_QUESTIONS),
});

/** The stored JSON of a mock: MockRecord with dates as ISO strings, the id and status aside. */
const details = z.object({
  format: z.literal(MOCK_DETAILS_FORMAT),
  version: z.literal(MOCK_DETAILS_VERSION),
  setup,
  plan,
  pausedAt: isoDate.nullable(),
  pausedMs: duration,
  answers: z.array(answer).max(MAX_MOCK_QUESTIONS),
  finishedAt: isoDate.nullable(),
  report: report.nullable(),
});
type DetailsJson = z.infer<typeof details>;

export function isMockDetails(value: unknown): boolean {
  return (value as { format?: unknown } | null)?.format === MOCK_DETAILS_FORMAT;
}

/** Problems of a mock's details (an imported file's, say), as `field: reason`; empty when sound. */
export function mockDetailsProblems(value: unknown): { field: string; reason: string }[] {
  const parsed = details.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.slice(0, 20).map((issue) => ({
    field: ["details", ...issue.path.map(String)].join("."),
    reason: issue.message,
  }));
}

export function mockToDetails(mock: MockRecord): DetailsJson {
  return {
    format: MOCK_DETAILS_FORMAT,
    version: MOCK_DETAILS_VERSION,
    setup: mock.setup,
    plan: mock.plan,
    pausedAt: mock.pausedAt?.toISOString() ?? null,
    pausedMs: mock.pausedMs,
    answers: mock.answers.map((a) => ({ ...a, answeredAt: a.answeredAt.toISOString() })),
    finishedAt: mock.finishedAt?.toISOString() ?? null,
    report: mock.report && {
      ...mock.report,
      items: mock.report.items.map((item) => ({
        ...item,
        answer: item.answer && { ...item.answer, answeredAt: item.answer.answeredAt.toISOString() },
      })),
    },
  };
}

/** The row's details back into a MockRecord; throws on details that are not a mock's. */
export function mockFromDetails(
  key: string,
  status: string,
  startedAt: Date,
  value: unknown,
): MockRecord {
  const json = details.parse(value);
  const toAnswer = <A extends { answeredAt: string }>(a: A) => ({
    ...a,
    answeredAt: new Date(a.answeredAt),
  });
  return {
    id: key,
    status: status === "active" ? "active" : "finished",
    setup: json.setup,
    plan: json.plan,
    startedAt,
    pausedAt: json.pausedAt === null ? null : new Date(json.pausedAt),
    pausedMs: json.pausedMs,
    answers: json.answers.map(toAnswer),
    finishedAt: json.finishedAt === null ? null : new Date(json.finishedAt),
    report: json.report && {
      ...json.report,
      items: json.report.items.map((item) => ({
        ...item,
        answer: item.answer && toAnswer(item.answer),
      })),
    },
  } as MockRecord;
}

import { z } from "zod";

/** Where a piece of a question came from, so every problem can name `file:line:column`. */
export const positionSchema = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type Position = z.infer<typeof positionSchema>;

export const LEVELS = ["fresher", "intermediate", "expert"] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;

export const BACKENDS = ["cpython", "pyodide"] as const;
export const backendSchema = z.enum(BACKENDS);
export type Backend = z.infer<typeof backendSchema>;

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const VERSION_PATTERN = /^3\.\d{1,2}$/;

/** Options a fence's info string sets: ```python runs-on=cpython requires-python=3.12 timeout=10 */
export const runOptionsSchema = z.object({
  runsOn: backendSchema.optional(),
  requiresPython: z.string().regex(VERSION_PATTERN).optional(),
  timeoutSeconds: z.number().positive().max(30).optional(),
  /** `visualize=open` on an example or drill: open it in the step-through visualizer. */
  visualize: z.literal("open").optional(),
});
export type RunOptions = z.infer<typeof runOptionsSchema>;

export const codeBlockSchema = z.object({
  code: z.string(),
  position: positionSchema,
  options: runOptionsSchema,
});
export type CodeBlock = z.infer<typeof codeBlockSchema>;

export const keyPointSchema = z.object({
  text: z.string().min(1),
  terms: z.array(z.string().min(1)).min(1),
  position: positionSchema,
});
export type KeyPoint = z.infer<typeof keyPointSchema>;

/**
 * What a program must do for its output block to hold: print exactly `output` (the block's
 * lines, each ending in a newline, escapes read when the block says `escapes=on`) and end
 * with `exitCode` (0 unless the block says `exit=N`).
 */
export const expectedRunSchema = z.object({
  output: z.string(),
  exitCode: z.number().int().min(0).max(255),
});
export type ExpectedRun = z.infer<typeof expectedRunSchema>;

/** An example and a predict-the-output drill have the same shape: code, optional stdin, output. */
export const runnableSchema = z.object({
  /** Stable within the question: `example-1`, `drill-2`. Card ids are built from it. */
  key: z.string(),
  title: z.string(),
  /** Markdown shown before the code. */
  intro: z.string(),
  source: codeBlockSchema,
  stdin: z.string().optional(),
  /** The output block as the author wrote it, for display (escapes not read). */
  expectedOutput: z.string(),
  /** What checks compare against; the parser always sets it. */
  expected: expectedRunSchema.optional(),
  outputPosition: positionSchema,
  /** Markdown after the output: commentary for examples, the explanation for drills. */
  explanation: z.string(),
});
export type Runnable = z.infer<typeof runnableSchema>;

/**
 * `### Wrong: <what is wrong>`: a solution a candidate might plausibly write that the tests
 * must catch. Checks only: never shown to a candidate as a solution.
 */
export const wrongSolutionSchema = z.object({
  /** What is wrong with it, from the heading. */
  title: z.string().min(1),
  /** The author's prose around the code: why someone writes this. */
  explanation: z.string(),
  code: codeBlockSchema,
  position: positionSchema,
});
export type WrongSolution = z.infer<typeof wrongSolutionSchema>;

export const exerciseSchema = z.object({
  key: z.string(),
  title: z.string(),
  /** Markdown: may hold any headings of level 4 and deeper, and code that is shown, not run. */
  prompt: z.string(),
  starter: codeBlockSchema,
  solution: codeBlockSchema,
  tests: codeBlockSchema,
  options: runOptionsSchema,
  position: positionSchema,
  /** `module=NAME` on the Solution fence: the code is also importable as NAME in the tests. */
  module: z.string().optional(),
  /** `starter=passes`: the starter must pass every test instead of failing one. */
  starterPasses: z.boolean().optional(),
  /** Known-wrong solutions, each of which must fail a test; the parser always sets it. */
  wrong: z.array(wrongSolutionSchema).optional(),
});
export type Exercise = z.infer<typeof exerciseSchema>;

/**
 * `question` (the default): a concept with an answer, key points and examples. `exercise`:
 * a coding task, for which the question heading, a prompt and an exercise suffice.
 */
export const QUESTION_KINDS = ["question", "exercise"] as const;
export const questionKindSchema = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof questionKindSchema>;

export const questionSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  covers: z.string(),
  level: levelSchema,
  topics: z.array(z.string()).min(1).max(3),
  minutes: z.number().int().min(1).max(20),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  runsOn: backendSchema.optional(),
  runsOnReason: z.string().optional(),
  requiresPython: z.string().regex(VERSION_PATTERN).optional(),
  /** The parser always sets it; absent means "question". */
  kind: questionKindSchema.optional(),
  /** The question as asked (the H1 text). */
  question: z.string().min(1),
  /** Markdown between the H1 and the first section. */
  context: z.string(),
  /** For `kind: exercise` the answer, key points, examples, follow-ups and mistakes may be
   *  empty; a `question` has an answer, 3 to 6 key points, an example and both lists. */
  answer: z.string(),
  keyPoints: z.array(keyPointSchema).max(6),
  examples: z.array(runnableSchema),
  drills: z.array(runnableSchema),
  exercises: z.array(exerciseSchema),
  followUps: z.array(z.string()).max(3),
  mistakes: z.array(z.string()),
  /** Path relative to the bank root, e.g. `fresher/list-vs-tuple.md`. */
  file: z.string(),
});
export type Question = z.infer<typeof questionSchema>;

export const topicSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  title: z.string(),
  about: z.string(),
});
export type Topic = z.infer<typeof topicSchema>;

export const coverageSchema = z.object({
  fresher: z.record(z.string(), z.string()),
  intermediate: z.record(z.string(), z.string()),
  expert: z.record(z.string(), z.string()),
});
export type Coverage = z.infer<typeof coverageSchema>;

/** What a question must be checked against: the topic list and the syllabus. */
export interface BankCatalog {
  topics: Topic[];
  coverage: Coverage;
}

/** Where a question's code is allowed to run, after file-wide and block options merge. */
export function effectiveOptions(question: Question, block: RunOptions): RunOptions {
  return {
    runsOn: block.runsOn ?? question.runsOn,
    requiresPython: maxVersion(question.requiresPython, block.requiresPython),
    timeoutSeconds: block.timeoutSeconds,
  };
}

export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

function maxVersion(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareVersions(a, b) >= 0 ? a : b;
}

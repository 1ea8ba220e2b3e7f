import { randomInt } from "node:crypto";
import { type Command, InvalidArgumentError } from "commander";
import { z } from "zod";
import type { Bank } from "../../content/bank.ts";
import { planMock } from "../../study/mock/planner.ts";
import { plannerQuestions } from "../../study/mock/questions.ts";
import {
  MAX_MOCK_MINUTES,
  MAX_MOCK_QUESTIONS,
  MAX_SEED,
  MIN_MOCK_MINUTES,
  MOCK_TASK_KINDS,
  type MockPlan,
  type MockSetup,
} from "../../study/mock/types.ts";
import { addContentOption, openBank } from "../bank.ts";
import { addDatabaseOptions } from "../database.ts";
import { CliError } from "../errors.ts";
import { addFilterOptions, checkFilters } from "../filters.ts";
import { examples } from "../help.ts";
import { printJson } from "../output.ts";
import { addBackendOption } from "../python.ts";
import { detectTerminal } from "../terminal.ts";
import type { MockSessionFlags } from "./mock-session.ts";

export interface MockFlags {
  plan?: boolean;
  seed?: number;
  minutes?: number;
  questions?: number;
  level?: string[];
  topic?: string[];
  exercises?: boolean;
  json?: boolean;
  content?: string;
}

/** `pyprep mock --plan --json`: the plan and nothing else. */
export const mockPlanJsonSchema = z.object({
  seed: z.number().int().min(0).max(MAX_SEED),
  levels: z.array(z.string()),
  topics: z.array(z.string()),
  includeExercises: z.boolean(),
  /** The whole interview's limit: the minutes asked for, or the questions' minutes added up. */
  timeLimitMinutes: z.number().int().min(1),
  /** The questions' own minutes added up (at most the limit). */
  totalMinutes: z.number().int().min(0),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(MOCK_TASK_KINDS),
      /** The card a miss puts in the review queue. */
      cardId: z.string(),
      level: z.string(),
      topics: z.array(z.string()),
      minutes: z.number().int().min(1),
    }),
  ),
});
export type MockPlanJson = z.infer<typeof mockPlanJsonSchema>;

const whole = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
  }
  return n;
};

/**
 * The set-up the flags describe, checked against the bank; a seed is drawn when none is
 * given. Shared with the interactive mock, which builds on this command.
 */
export function setupFromFlags(bank: Bank, flags: MockFlags): MockSetup {
  if (flags.minutes !== undefined && flags.questions !== undefined) {
    throw new CliError("give --minutes or --questions, not both");
  }
  const { levels, topics } = checkFilters(bank, flags);
  return {
    levels,
    topics,
    budget:
      flags.questions !== undefined
        ? { kind: "questions", count: flags.questions }
        : { kind: "minutes", minutes: flags.minutes ?? 30 },
    includeExercises: flags.exercises ?? false,
    preferWeakTopics: false,
    seed: flags.seed ?? randomInt(0, MAX_SEED + 1),
  };
}

/** The plan for a set-up, from the bank alone: the same set-up always gives the same plan. */
export function planFromBank(bank: Bank, setup: MockSetup): MockPlan {
  const plan = planMock({ questions: plannerQuestions(bank.questions), setup });
  if (plan.items.length === 0) {
    const anyMatch = planMock({
      questions: plannerQuestions(bank.questions),
      setup: { ...setup, budget: { kind: "questions", count: 1 } },
    });
    throw new CliError(
      anyMatch.items.length === 0
        ? "no question in the bank has these levels and topics"
        : "no matching question fits in that many minutes",
    );
  }
  return plan;
}

export function planJson(setup: MockSetup, plan: MockPlan): MockPlanJson {
  return {
    seed: plan.seed,
    levels: setup.levels,
    topics: setup.topics,
    includeExercises: setup.includeExercises,
    timeLimitMinutes: plan.timeLimitMinutes,
    totalMinutes: plan.totalMinutes,
    questions: plan.items.map((item) => ({
      id: item.questionId,
      kind: item.kind,
      cardId: item.cardId,
      level: item.level,
      topics: item.topics,
      minutes: item.minutes,
    })),
  };
}

/**
 * Registers `pyprep mock`: the timed interview in the terminal, or with `--plan` only the
 * planner's plan, for scripts and checks.
 */
export function registerMock(program: Command): void {
  const command = program
    .command("mock")
    .description("a timed mock interview in the terminal, stored as the web app stores it")
    .option("--plan", "print the interview's plan instead of sitting it")
    .option(
      "--seed <n>",
      `the plan's seed, 0 to ${MAX_SEED} (default: a random one)`,
      whole("--seed", 0, MAX_SEED),
    )
    .option(
      "--minutes <m>",
      `the time budget, ${MIN_MOCK_MINUTES} to ${MAX_MOCK_MINUTES} minutes (default 30)`,
      whole("--minutes", MIN_MOCK_MINUTES, MAX_MOCK_MINUTES),
    )
    .option(
      "--questions <n>",
      `a number of questions instead of a time, 1 to ${MAX_MOCK_QUESTIONS}`,
      whole("--questions", 1, MAX_MOCK_QUESTIONS),
    )
    .option("--exercises", "include coding exercises");
  addFilterOptions(command);
  command.option(
    "--json",
    "with --plan: print JSON (schema: mockPlanJsonSchema in src/cli/commands/mock.ts)",
  );
  addBackendOption(command);
  command.option("--editor <command>", "editor for exercises (default $VISUAL, $EDITOR, then vi)");
  addDatabaseOptions(command);
  addContentOption(command);
  command.addHelpText(
    "after",
    examples([
      ["pyprep mock", "a 30-minute interview; Ctrl-C pauses it, the next run resumes"],
      ["pyprep mock --minutes 15 --level fresher", "15 minutes of fresher questions"],
      ["pyprep mock --questions 5 --exercises", "five questions, coding exercises among them"],
      ["pyprep mock --seed 7 --topic asyncio", "the same seed and set-up, the same questions"],
      [
        "pyprep mock --plan --seed 7 --minutes 30",
        "only print a 30-minute plan; the same seed, the same plan",
      ],
      ["pyprep mock --plan --seed 7 --level expert --json", "the plan for scripts"],
    ]),
  );
  command.action(async (flags: MockSessionFlags) => {
    if (!flags.plan) {
      if (flags.json) throw new CliError("--json prints the plan: add --plan");
      return (await import("./mock-session.ts")).runMockSession(flags);
    }
    const term = detectTerminal();
    const { bank } = await openBank(term, flags);
    const setup = setupFromFlags(bank, flags);
    const plan = planFromBank(bank, setup);
    const json = planJson(setup, plan);
    if (flags.json) {
      printJson(term, mockPlanJsonSchema, json);
      return;
    }
    term.print(
      `Mock interview, seed ${json.seed}: ${json.questions.length} question${json.questions.length === 1 ? "" : "s"}, ${json.totalMinutes} of ${json.timeLimitMinutes} minutes`,
    );
    for (const [i, q] of json.questions.entries()) {
      term.print(`${String(i + 1).padStart(3)}. ${q.id}  ${q.kind}, ${q.level}, ${q.minutes} min`);
    }
  });
}

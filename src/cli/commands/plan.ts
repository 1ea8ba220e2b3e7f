import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { PlanJson, ReadinessJson } from "../../api/plan.ts";
import type { InterviewSpec } from "../../study/plan/for-interview.ts";
import { PACE_WINDOW_MS, planCards, planForInterview } from "../../study/plan/index.ts";
import { addContentOption, openBank } from "../bank.ts";
import { addDatabaseOptions, type DatabaseFlags, openUserStore, USER_ID } from "../database.ts";
import { CliError } from "../errors.ts";
import { addFilterOptions, checkFilters, parseCount } from "../filters.ts";
import { examples } from "../help.ts";
import { detectTerminal, type Terminal } from "../terminal.ts";

interface PlanFlags extends DatabaseFlags {
  until?: string;
  level?: string[];
  topic?: string[];
  minutesPerDay?: number;
  json?: boolean;
  content?: string;
}

/** What `pyprep plan --json` prints. */
export interface PlanCommandJson {
  interview: InterviewSpec & { id: string | null };
  plan: PlanJson;
  readiness: ReadinessJson;
}

const DEFAULT_MINUTES = 30;

function parseDate(value: string): string {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError("It must be a calendar date YYYY-MM-DD.");
  }
  return value;
}

export function registerPlan(program: Command): void {
  const command = program
    .command("plan")
    .description(
      "the day-by-day plan to an interview date, with the mocks and a readiness forecast",
    )
    .option(
      "--until <date>",
      "plan to this date (YYYY-MM-DD) instead of the interview set in the app",
      parseDate,
    )
    .option(
      "--minutes-per-day <n>",
      `minutes a day with --until (default ${DEFAULT_MINUTES})`,
      parseCount(1),
    )
    .option("--json", "print JSON (PlanCommandJson in src/cli/commands/plan.ts)");
  addFilterOptions(command);
  addDatabaseOptions(command);
  addContentOption(command);
  command.addHelpText(
    "after",
    examples([
      [
        "pyprep plan --until 2026-03-16 --level fresher --minutes-per-day 30",
        "a plan to that date",
      ],
      ["pyprep plan --json", "the plan to the nearest interview set in the web app"],
    ]),
  );
  command.action(async (flags: PlanFlags) => {
    const term = detectTerminal();
    const { bank, cards } = await openBank(term, flags);
    const filters = checkFilters(bank, flags);
    const store = await openUserStore(flags);
    let result: PlanCommandJson;
    try {
      let interview: PlanCommandJson["interview"];
      if (flags.until) {
        interview = {
          id: null,
          date: flags.until,
          timeZone: null,
          levels: filters.levels,
          topics: filters.topics,
          minutesPerDay: flags.minutesPerDay ?? DEFAULT_MINUTES,
          minutesByWeekday: null,
        };
      } else {
        if (filters.levels.length > 0 || filters.topics.length > 0 || flags.minutesPerDay) {
          throw new CliError("--level, --topic and --minutes-per-day go with --until");
        }
        const [open] = await store.interviews.list(USER_ID, { status: "open" });
        if (!open) {
          throw new CliError(
            "no interview is set: pass --until YYYY-MM-DD, or set one on the Plan screen",
          );
        }
        interview = open;
      }
      const now = new Date();
      const [states, reviews, settings] = await Promise.all([
        store.listCardStates(USER_ID),
        store.listReviews(USER_ID, { from: new Date(now.getTime() - PACE_WINDOW_MS), limit: 2000 }),
        store.getSettings(USER_ID),
      ]);
      const planned = planForInterview({
        interview,
        cards: planCards(cards, (id) => bank.byId.get(id)?.minutes ?? 5),
        states,
        reviews,
        now,
        clientOffsetMinutes: -now.getTimezoneOffset(),
        desiredRetention: settings.desiredRetention,
      });
      result = {
        interview: {
          id: interview.id,
          date: interview.date,
          timeZone: interview.timeZone,
          levels: [...interview.levels],
          topics: [...interview.topics],
          minutesPerDay: interview.minutesPerDay,
          minutesByWeekday: interview.minutesByWeekday ? [...interview.minutesByWeekday] : null,
        },
        plan: planned.plan,
        readiness: planned.readiness,
      };
    } finally {
      await store.close();
    }
    if (flags.json) term.out.write(`${JSON.stringify(result, null, 2)}\n`);
    else printPlan(term, result);
  });
}

function printPlan(term: Terminal, { plan, readiness }: PlanCommandJson): void {
  const { paint } = term;
  term.print(`${paint.bold(`Interview ${plan.interviewDate}`)}: ${plan.daysLeft} study days left`);
  if (plan.message) term.print(paint.yellow(plan.message));
  for (const day of plan.days) {
    const mock = day.mock ? `  ${day.mock.label} mock (${day.mock.minutes} min)` : "";
    term.print(
      `${day.date}  ${day.kind.padEnd(6)} new ${String(day.newCardIds.length).padStart(3)}  reviews ${String(day.expectedReviews).padStart(3)}  ${String(Math.round(day.minutes)).padStart(3)}/${day.budget} min${mock}`,
    );
    if (day.newCardIds.length > 0)
      term.print(paint.dim(`            ${day.newCardIds.join(", ")}`));
  }
  term.print(
    `${paint.bold("Readiness")} on the day (ready at ${Math.round(readiness.threshold * 100)}% recall):`,
  );
  for (const group of [...readiness.byLevel, ...readiness.byTopic]) {
    const label =
      group.status === "ready" ? paint.green("expected ready") : paint.yellow("at risk");
    term.print(
      `  ${group.key.padEnd(24)} ${String(Math.round(group.expectedRecall * 100)).padStart(3)}%  ${label}`,
    );
  }
}

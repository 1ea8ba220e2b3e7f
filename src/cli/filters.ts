import { type Command, InvalidArgumentError } from "commander";
import type { Bank } from "../content/bank.ts";
import { LEVELS, type Level } from "../content/schema.ts";
import { CliError } from "./errors.ts";

/** `--level a,b --level c` → ["a", "b", "c"]: repeatable and comma-separated alike. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  ];
}

export function addFilterOptions(command: Command): Command {
  return command
    .option(
      "--level <levels>",
      `only these levels (${LEVELS.join(", ")}); repeat or comma-separate`,
      collectList,
    )
    .option(
      "--topic <topics>",
      "only these topic ids (see pyprep list); repeat or comma-separate",
      collectList,
    );
}

export interface Filters {
  levels: Level[];
  topics: string[];
}

/** Checks the ids against the bank, naming the first unknown one and what is known. */
export function checkFilters(bank: Bank, flags: { level?: string[]; topic?: string[] }): Filters {
  const levels = flags.level ?? [];
  for (const level of levels) {
    if (!(LEVELS as readonly string[]).includes(level)) {
      throw new CliError(`unknown level '${level}' (levels: ${LEVELS.join(", ")})`);
    }
  }
  const known = bank.topics.map((topic) => topic.id);
  const topics = flags.topic ?? [];
  for (const topic of topics) {
    if (!known.includes(topic)) {
      throw new CliError(`unknown topic '${topic}' (topics: ${known.join(", ")})`);
    }
  }
  return { levels: levels as Level[], topics };
}

/** A whole number ≥ `min`; commander turns the refusal into its one-line error. */
export function parseCount(min = 0): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`It must be a whole number ≥ ${min}.`);
    }
    return n;
  };
}

import { type Command, Option } from "commander";
import { z } from "zod";
import { STATUSES } from "../../api/types.ts";
import type { Question } from "../../content/schema.ts";
import { LEVELS } from "../../content/schema.ts";
import { questionStatus } from "../../server/study-json.ts";
import type { Store } from "../../store/store.ts";
import type { CardState } from "../../study/types.ts";
import { addContentOption, openBank } from "../bank.ts";
import {
  addDatabaseOptions,
  type DatabaseFlags,
  openUserStoreIfExists,
  USER_ID,
} from "../database.ts";
import { addFilterOptions, checkFilters, type Filters } from "../filters.ts";
import { examples } from "../help.ts";
import { columns, printJson } from "../output.ts";
import { detectTerminal, type Terminal } from "../terminal.ts";

export const questionStatusSchema = z.enum(STATUSES as ["new", "learning", "due", "mastered"]);

/** `pyprep list --json`: every question that passes the filters, in bank order. */
export const listJsonSchema = z.object({
  total: z.number().int().min(0),
  items: z.array(
    z.object({
      id: z.string(),
      level: z.enum(LEVELS),
      topics: z.array(z.string()).min(1),
      covers: z.string(),
      question: z.string(),
      difficulty: z.number().int().min(1).max(3),
      minutes: z.number().int().min(1),
      /** The concept card's status, as the web app's library shows it. */
      status: questionStatusSchema,
      /** The file, relative to the bank root. */
      file: z.string(),
    }),
  ),
});
export type ListJson = z.infer<typeof listJsonSchema>;

interface ListFlags extends DatabaseFlags {
  level?: string[];
  topic?: string[];
  status?: z.infer<typeof questionStatusSchema>;
  json?: boolean;
  content?: string;
}

export function registerList(program: Command): void {
  const command = program
    .command("list")
    .description("list the questions in the bank, with your status for each");
  addFilterOptions(command);
  command
    .addOption(new Option("--status <status>", "only questions with this status").choices(STATUSES))
    .option("--json", "print JSON (schema: listJsonSchema in src/cli/commands/list.ts)");
  addDatabaseOptions(command);
  addContentOption(command);
  command.addHelpText(
    "after",
    examples([
      ["pyprep list", "every question"],
      ["pyprep list --level expert --topic concurrency", "expert concurrency questions"],
      ["pyprep list --status due", "questions whose card is due"],
      ["pyprep list --json | jq -r '.items[].id'", "ids, for scripts"],
    ]),
  );
  command.action(async (flags: ListFlags) => {
    const term = detectTerminal();
    const { bank } = await openBank(term, flags);
    const filters = checkFilters(bank, flags);
    const states = await readStates(flags);
    const now = new Date();
    const items = bank.questions
      .filter((question) => matches(question, filters))
      .map((question) => ({ question, status: questionStatus(states.get(question.id), now) }))
      .filter((item) => !flags.status || item.status === flags.status);
    if (flags.json) {
      printJson(term, listJsonSchema, {
        total: items.length,
        items: items.map(({ question, status }) => ({
          id: question.id,
          level: question.level,
          topics: [...question.topics],
          covers: question.covers,
          question: question.question,
          difficulty: question.difficulty,
          minutes: question.minutes,
          status,
          file: question.file,
        })),
      });
      return;
    }
    printTable(term, items);
  });
}

export function matches(question: Question, filters: Filters): boolean {
  return (
    (filters.levels.length === 0 || filters.levels.includes(question.level)) &&
    (filters.topics.length === 0 || question.topics.some((t) => filters.topics.includes(t)))
  );
}

/** Card states by card id; none when the database does not exist yet (all questions are new). */
async function readStates(flags: DatabaseFlags): Promise<Map<string, CardState>> {
  const store: Store | undefined = await openUserStoreIfExists(flags);
  if (!store) return new Map();
  try {
    return new Map((await store.listCardStates(USER_ID)).map((state) => [state.cardId, state]));
  } finally {
    await store.close();
  }
}

const STATUS_COLORS = {
  new: "magenta",
  learning: "yellow",
  due: "red",
  mastered: "green",
} as const;

function printTable(
  term: Terminal,
  items: { question: Question; status: z.infer<typeof questionStatusSchema> }[],
): void {
  if (items.length === 0) {
    term.print("No questions match.");
    return;
  }
  const rows = items.map(({ question, status }) => [
    question.id,
    question.level,
    term.paint[STATUS_COLORS[status]](status),
    question.topics[0] ?? "",
    question.question,
  ]);
  const tty = (term.out as NodeJS.WriteStream).isTTY === true;
  const header = ["ID", "LEVEL", "STATUS", "TOPIC", "QUESTION"].map((h) => term.paint.dim(h));
  for (const line of columns(term, [header, ...rows], tty)) term.print(line);
  if (tty) term.print(term.paint.dim(`${items.length} question${items.length === 1 ? "" : "s"}`));
}

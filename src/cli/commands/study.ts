import type { Command } from "commander";
import { buildSession } from "../../study/session.ts";
import type { Rating } from "../../study/types.ts";
import { addContentOption, openBank } from "../bank.ts";
import { addDatabaseOptions, type DatabaseFlags, openUserStore, USER_ID } from "../database.ts";
import { CliError, INTERRUPTED_EXIT_CODE } from "../errors.ts";
import { addFilterOptions, checkFilters, parseCount } from "../filters.ts";
import { examples } from "../help.ts";
import { claimInterrupts } from "../interrupt.ts";
import { RATING_LABELS } from "../prompts.ts";
import { addBackendOption, type BackendChoice, SessionPython } from "../python.ts";
import { chooseEditor } from "../study/editor.ts";
import { runSession } from "../study/session.ts";
import { detectTerminal } from "../terminal.ts";

interface StudyFlags extends DatabaseFlags {
  level?: string[];
  topic?: string[];
  new?: number;
  content?: string;
  backend: BackendChoice;
  editor?: string;
}

export function registerStudy(program: Command): void {
  const command = program
    .command("study")
    .description("study today's session: due cards, then new ones (concepts, drills, exercises)");
  addFilterOptions(command);
  command.option(
    "--new <n>",
    "new cards to introduce in this session (default: what is left of today's limit)",
    parseCount(0),
  );
  addBackendOption(command);
  command.option("--editor <command>", "editor for exercises (default $VISUAL, $EDITOR, then vi)");
  addDatabaseOptions(command);
  addContentOption(command);
  command.addHelpText(
    "after",
    examples([
      ["pyprep study", "today's session, as the web app shows it"],
      ["pyprep study --level fresher --new 5", "fresher cards only, at most 5 new ones"],
      ["pyprep study --topic decorators,iteration", "cards of these topics"],
      ["pyprep study --new 0", "only the cards that are due"],
      ['pyprep study --editor "code --wait"', "write exercises in VS Code"],
      ["pyprep study --backend pyodide", "run your code on Pyodide instead of python3"],
    ]),
  );
  command.action(async (flags: StudyFlags) => {
    process.exitCode = await studyCommand(flags);
  });
}

async function studyCommand(flags: StudyFlags): Promise<number> {
  const term = detectTerminal();
  if (!term.interactive) {
    throw new CliError(
      "study needs a terminal: stdin and stdout must both be a TTY (use stats, list or show in scripts)",
    );
  }
  const { bank, cards } = await openBank(term, flags);
  const filters = checkFilters(bank, flags);
  const python = new SessionPython(flags.backend);
  await python.check();
  const store = await openUserStore(flags);
  const interrupts = claimInterrupts();
  try {
    const [settings, states] = await Promise.all([
      store.getSettings(USER_ID),
      store.listCardStates(USER_ID),
    ]);
    const now = new Date();
    const session = buildSession({
      cards,
      states,
      now,
      settings: {
        ...settings,
        dailyNewLimit: flags.new === undefined ? settings.dailyNewLimit : Number.MAX_SAFE_INTEGER,
      },
      filters,
      timeZoneOffsetMinutes: -now.getTimezoneOffset(),
    });
    const fresh = flags.new === undefined ? session.newCards : session.newCards.slice(0, flags.new);
    const items = [...session.due, ...fresh];

    if (python.notice) term.print(term.paint.dim(python.notice));
    if (items.length === 0) {
      term.print("Nothing to study right now.");
      if (session.dueLaterToday > 0) {
        term.print(
          `${session.dueLaterToday} card${session.dueLaterToday === 1 ? "" : "s"} you are learning come back later today.`,
        );
      }
      return 0;
    }
    term.print(
      term.paint.bold(
        `Today: ${session.due.length} due, ${fresh.length} new ${term.glyphs.dot} ${items.length} card${items.length === 1 ? "" : "s"}`,
      ),
    );
    term.print(
      term.paint.dim(
        "Ratings: 1 Again, 2 Hard, 3 Good, 4 Easy. Ctrl-C stops; every answer given is kept.",
      ),
    );

    const result = await runSession({
      items,
      questions: bank.byId,
      store,
      context: {
        term,
        python,
        signal: interrupts.signal,
        editor: chooseEditor(flags.editor),
        now: () => performance.now(),
      },
    });
    term.print();
    const counts = new Map<Rating, number>();
    for (const { rating } of result.reviewed) counts.set(rating, (counts.get(rating) ?? 0) + 1);
    const breakdown = [...counts].map(([rating, n]) => `${n} ${RATING_LABELS[rating]}`).join(", ");
    const saved = `${result.reviewed.length} answer${result.reviewed.length === 1 ? "" : "s"} saved${breakdown ? ` (${breakdown})` : ""}`;
    if (result.interrupted) {
      term.print(`Stopped: ${saved}.`);
      return INTERRUPTED_EXIT_CODE;
    }
    term.print(term.paint.green(`Session done: ${saved}.`));
    return 0;
  } finally {
    interrupts.release();
    await Promise.all([python.close(), store.close()]);
  }
}

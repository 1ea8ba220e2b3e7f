import type { Command } from "commander";
import { z } from "zod";
import { buildSession } from "../../study/session.ts";
import { computeStats, MASTERY_STABILITY_DAYS, weakestTopics } from "../../study/stats.ts";
import { addContentOption, openBank } from "../bank.ts";
import { addDatabaseOptions, type DatabaseFlags, openUserStore, USER_ID } from "../database.ts";
import { examples } from "../help.ts";
import { printJson } from "../output.ts";
import { sparkline } from "../render/sparkline.ts";
import { detectTerminal, type Terminal } from "../terminal.ts";

/** Days of the reviews sparkline; the JSON carries the stats engine's whole window. */
const SPARK_DAYS = 30;
const WEAKEST_COUNT = 5;

const dayCount = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), count: z.number() });

/** `pyprep stats --json`. */
export const statsJsonSchema = z.object({
  /** Cards due now, overdue included. */
  dueNow: z.number().int().min(0),
  /** Due by the end of today (local time), overdue included. */
  dueToday: z.number().int().min(0),
  /** New cards today's session would still introduce. */
  newToday: z.number().int().min(0),
  nextDue: z.string().nullable(),
  /** One entry per local day, oldest first, ending today. */
  reviewsPerDay: z.array(dayCount),
  retention: z.object({
    rate: z.number().min(0).max(1).nullable(),
    reviews: z.number().int().min(0),
    recalled: z.number().int().min(0),
  }),
  streak: z.number().int().min(0),
  weakestTopics: z.array(
    z.object({
      topic: z.string(),
      title: z.string(),
      /** 0..1: mastered cards count fully, cards seen but not mastered half. */
      strength: z.number().min(0).max(1),
      mastered: z.number().int().min(0),
      seen: z.number().int().min(0),
      cards: z.number().int().min(0),
    }),
  ),
  forecast: z.array(dayCount),
  totals: z.object({
    reviews: z.number().int().min(0),
    cards: z.number().int().min(0),
    studied: z.number().int().min(0),
    mastered: z.number().int().min(0),
  }),
});
export type StatsJson = z.infer<typeof statsJsonSchema>;

interface StatsFlags extends DatabaseFlags {
  json?: boolean;
  content?: string;
}

export function registerStats(program: Command): void {
  const command = program
    .command("stats")
    .description("your progress: due today, reviews per day, retention, weakest topics, streak")
    .option("--json", "print JSON (schema: statsJsonSchema in src/cli/commands/stats.ts)");
  addDatabaseOptions(command);
  addContentOption(command);
  command.addHelpText(
    "after",
    examples([
      ["pyprep stats", "the summary, with a 30-day sparkline"],
      ["pyprep stats --json | jq .dueToday", "one number, for a prompt or a status bar"],
    ]),
  );
  command.action(async (flags: StatsFlags) => {
    const term = detectTerminal();
    const { bank, cards, cardById } = await openBank(term, flags);
    const store = await openUserStore(flags);
    let json: StatsJson;
    try {
      const [reviews, states, settings, mocks] = await Promise.all([
        store.listReviews(USER_ID),
        store.listCardStates(USER_ID),
        store.getSettings(USER_ID),
        store.listMockResults(USER_ID),
      ]);
      const now = new Date();
      const timeZoneOffsetMinutes = -now.getTimezoneOffset();
      const stats = computeStats({
        reviews,
        states,
        cards,
        now,
        timeZoneOffsetMinutes,
        mockSessions: mocks.map((mock) => ({ at: mock.takenAt, durationMs: mock.durationMs })),
      });
      const session = buildSession({ cards, states, now, settings, timeZoneOffsetMinutes });
      const titles = new Map(bank.topics.map((topic) => [topic.id, topic.title]));
      const active = states.filter((s) => s.status !== "new" && cardById.has(s.cardId));
      json = {
        dueNow: stats.dueNow,
        dueToday: stats.forecast[0]?.count ?? 0,
        newToday: session.newCards.length,
        nextDue: stats.nextDue?.toISOString() ?? null,
        reviewsPerDay: stats.reviewsPerDay.map(({ day, count }) => ({ date: day, count })),
        retention: stats.retention,
        streak: stats.streak,
        weakestTopics: weakestTopics(stats.mastery, WEAKEST_COUNT).map((m) => ({
          topic: m.topic,
          title: titles.get(m.topic) ?? m.topic,
          strength: m.strength,
          mastered: m.mastered,
          seen: m.seen,
          cards: m.cards,
        })),
        forecast: stats.forecast.map(({ day, count }) => ({ date: day, count })),
        totals: {
          reviews: stats.totalReviews,
          cards: cards.length,
          studied: active.length,
          mastered: active.filter(
            (s) => s.status === "review" && s.stability >= MASTERY_STABILITY_DAYS,
          ).length,
        },
      };
    } finally {
      await store.close();
    }
    if (flags.json) printJson(term, statsJsonSchema, json);
    else printSummary(term, json);
  });
}

function printSummary(term: Terminal, stats: StatsJson): void {
  const { paint } = term;
  const row = (name: string, value: string) => term.print(`${paint.dim(name.padEnd(16))}${value}`);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

  const later = stats.dueToday - stats.dueNow;
  row(
    "Due today",
    `${paint.bold(String(stats.dueToday))}${stats.dueNow > 0 && later > 0 ? ` (${stats.dueNow} now, ${later} later)` : ""}` +
      `${stats.newToday > 0 ? ` + ${plural(stats.newToday, "new card")}` : ""}`,
  );
  const days = stats.reviewsPerDay.slice(-SPARK_DAYS);
  const recent = days.reduce((sum, day) => sum + day.count, 0);
  row(
    "Reviews",
    `${paint.cyan(
      sparkline(
        term,
        days.map((day) => day.count),
      ),
    )}  ${recent} in ${days.length} days, ${stats.totals.reviews} in all`,
  );
  const { rate, reviews } = stats.retention;
  row(
    "Retention",
    rate === null
      ? paint.dim("no reviews of learned cards yet")
      : `${paint.bold(`${Math.round(rate * 100)}%`)} recalled, of ${plural(reviews, "review")} of learned cards`,
  );
  row("Streak", stats.streak > 0 ? paint.bold(plural(stats.streak, "day")) : paint.dim("none yet"));
  row(
    "Cards",
    `${stats.totals.studied} studied, ${stats.totals.mastered} mastered, of ${stats.totals.cards}`,
  );
  if (stats.weakestTopics.length === 0) {
    row("Weakest topics", paint.dim("study a few cards first"));
  } else {
    stats.weakestTopics.forEach((topic, i) => {
      row(
        i === 0 ? "Weakest topics" : "",
        `${topic.title} ${paint.dim(`${Math.round(topic.strength * 100)}% (${topic.mastered} of ${topic.cards} mastered)`)}`,
      );
    });
  }
}

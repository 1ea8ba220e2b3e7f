/**
 * A demo user with three months of history: reviews on most days of the last 90 (a
 * session of due and new cards each day, rated by a simple memory model) and five mock
 * interviews whose scores improve. For screenshots, demos and the dashboard e2e test.
 *
 *   npx tsx scripts/seed-demo.ts --db /tmp/demo.sqlite            # the local profile
 *   npx tsx scripts/seed-demo.ts --database-url postgres://… --user alice --fresh
 *
 * Dates are relative to now, so the dashboard always shows the last three months. The
 * same --seed gives the same history (for the same bank and the same day).
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { loadBank } from "../src/content/read-bank.ts";
import type { Question } from "../src/content/schema.ts";
import { openStore, type Store } from "../src/store/store.ts";
import { deriveCards } from "../src/study/cards.ts";
import { type AnswerSubmission, gradeSubmission } from "../src/study/mock/answers.ts";
import { addAnswer, finishMock, startMock } from "../src/study/mock/lifecycle.ts";
import { planMock } from "../src/study/mock/planner.ts";
import { plannerQuestions } from "../src/study/mock/questions.ts";
import { type Random, seededRandom } from "../src/study/mock/random.ts";
import type { MockRecord } from "../src/study/mock/types.ts";
import { buildSession } from "../src/study/session.ts";
import { localDayNumber, localDayStart, MINUTE_MS } from "../src/study/time.ts";
import type { CardState, Rating } from "../src/study/types.ts";

const DAYS = 90;
/** Days ago of the five mocks. */
const MOCK_DAYS = [78, 60, 41, 22, 4];
const MAX_DUE_PER_DAY = 40;

const USAGE =
  "usage: tsx scripts/seed-demo.ts [--db FILE | --database-url URL] [--user ID] [--seed N] [--fresh] [--content DIR]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      "database-url": { type: "string" },
      user: { type: "string", default: "local" },
      seed: { type: "string", default: "2025" },
      fresh: { type: "boolean", default: false },
      content: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`--seed must be a whole number\n${USAGE}`);
  const userId = values.user;
  const store = await openStore(
    values["database-url"]
      ? { databaseUrl: values["database-url"] }
      : { sqlitePath: values.db ?? "data/pyprep.sqlite" },
  );
  try {
    if (values.fresh) await store.deleteUser(userId);
    await store.ensureUser(userId, { displayName: userId === "local" ? "Local profile" : userId });
    if ((await store.listReviews(userId, { limit: 1 })).length > 0) {
      throw new Error(
        `${userId} already has reviews in ${store.location}; add --fresh to replace them`,
      );
    }
    const { bank } = await loadBank(values.content);
    const random = seededRandom(seed);
    const now = new Date();
    const mocks = mockSeeder(store, userId, bank.questions, random);
    const reviews = await seedReviews(store, userId, bank.questions, random, now, mocks.sit);
    console.log(
      `seeded ${userId} in ${store.location}: ${reviews} reviews over ${DAYS} days, ${mocks.done.length} mock interviews (${mocks.done
        .map((m) => `${Math.round((m.report?.score ?? 0) * 100)}%`)
        .join(", ")})`,
    );
  } finally {
    await store.close();
  }
}

/** A day of study: today's due cards, then new ones; ratings from a rough memory model. */
async function seedReviews(
  store: Store,
  userId: string,
  questions: readonly Question[],
  random: Random,
  now: Date,
  sitMock: (startedAt: Date) => Promise<void>,
): Promise<number> {
  const cards = deriveCards({ questions });
  const offset = -now.getTimezoneOffset();
  const today = localDayNumber(now, offset);
  let states = new Map<string, CardState>();
  let count = 0;
  for (let day = today - DAYS + 1; day <= today; day++) {
    if (MOCK_DAYS.includes(today - day)) {
      // A mock in the afternoon; what it found weak is due in the evening's session.
      const afternoon = localDayStart(day, offset).getTime() + 14 * 60 * MINUTE_MS;
      await sitMock(new Date(Math.min(afternoon, now.getTime() - 5 * 60 * MINUTE_MS)));
      states = new Map((await store.listCardStates(userId)).map((state) => [state.cardId, state]));
    }
    // Some days off, but none in the last week: the demo has a streak.
    if (day < today - 6 && random.int(0, 9) === 0) continue;
    const start = localDayStart(day, offset).getTime() + (18 * 60 + random.int(0, 120)) * MINUTE_MS;
    let at = Math.min(start, now.getTime() - 2 * 60 * MINUTE_MS);
    const session = buildSession({
      cards,
      states: [...states.values()],
      now: new Date(at),
      settings: { dailyNewLimit: random.int(6, 14), levels: [], topics: [] },
      timeZoneOffsetMinutes: offset,
    });
    const items = [...session.due.slice(0, MAX_DUE_PER_DAY), ...session.newCards];
    for (const item of items) {
      const durationMs = random.int(6, item.card.kind === "exercise" ? 240 : 70) * 1000;
      at += durationMs + random.int(2, 20) * 1000;
      const recorded = await store.recordReview(userId, {
        cardId: item.card.id,
        rating: rate(random, item.state, item.card.level),
        reviewedAt: new Date(at),
        durationMs,
        idempotencyKey: randomUUID(),
      });
      states.set(item.card.id, recorded.state);
      count++;
    }
  }
  return count;
}

/** Harder levels and fresh cards are forgotten more often; reviewed cards get easier. */
function rate(random: Random, state: CardState | undefined, level: Question["level"]): Rating {
  const roll = random.int(1, 100);
  const failing = (level === "expert" ? 22 : level === "intermediate" ? 15 : 9) - (state ? 4 : 0);
  if (roll <= failing) return "again";
  if (roll <= failing + 15) return "hard";
  if (roll <= 88) return "good";
  return "easy";
}

/** Five 30-minute mocks, each better prepared than the one before. */
function mockSeeder(
  store: Store,
  userId: string,
  questions: readonly Question[],
  random: Random,
): { done: MockRecord[]; sit: (startedAt: Date) => Promise<void> } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const planner = plannerQuestions(questions);
  const texts = (id: string) => byId.get(id)?.keyPoints.map((point) => point.text) ?? [];
  const recent: string[][] = [];
  const done: MockRecord[] = [];

  async function sit(startedAt: Date): Promise<void> {
    const n = done.length;
    const skill = 0.25 + n * 0.17;
    const setup = {
      levels: [],
      topics: [],
      budget: { kind: "minutes" as const, minutes: 30 },
      includeExercises: n % 2 === 1,
      preferWeakTopics: false,
      seed: random.int(0, 0xffff_ffff),
    };
    const plan = planMock({ questions: planner, setup, recentMocks: [...recent].reverse() });
    let mock = startMock(randomUUID(), setup, plan, startedAt);
    await store.mocks.create(userId, mock);
    let at = startedAt.getTime();
    for (const item of plan.items) {
      const question = byId.get(item.questionId);
      if (!question || random.int(1, 100) > 70 + n * 7) continue;
      const durationMs = Math.round(item.minutes * MINUTE_MS * (0.6 + random.int(0, 60) / 100));
      at += durationMs;
      const good = () => random.int(1, 100) <= skill * 100;
      let submission: AnswerSubmission;
      if (item.kind === "concept") {
        const touched = question.keyPoints.filter(good).map((point) => point.terms[0] ?? "");
        const share = touched.length / question.keyPoints.length;
        const rating: Rating = share === 1 ? "easy" : share >= 0.5 ? "good" : "hard";
        submission = {
          kind: "concept",
          text: `In short: ${touched.join("; ")}.`,
          rating,
          durationMs,
        };
      } else if (item.kind === "drill") {
        const drill = question.drills.find((d) => d.key === item.key);
        submission = {
          kind: "drill",
          output: good() ? (drill?.expectedOutput ?? "") : "?",
          durationMs,
        };
      } else {
        const total = 4;
        const passed = good() ? total : random.int(0, 3);
        submission = { kind: "exercise", code: "# demo", passed, total, durationMs };
      }
      mock =
        addAnswer(mock, gradeSubmission(item, submission, question, new Date(at)))?.mock ?? mock;
    }
    const finishedAt = new Date(Math.min(at + 2 * MINUTE_MS, startedAt.getTime() + 30 * MINUTE_MS));
    const finished = finishMock(mock, finishedAt, texts, "candidate");
    if (!finished) throw new Error("a new mock could not be finished");
    await store.mocks.update(userId, mock.id, () => finished);
    done.push(finished.mock);
    recent.push(plan.items.map((i) => i.questionId));
  }

  return { done, sit };
}

main().catch((error: unknown) => {
  console.error(`seed-demo: ${(error as Error).message ?? String(error)}`);
  process.exitCode = 1;
});

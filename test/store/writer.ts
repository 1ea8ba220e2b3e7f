/**
 * A child process that records reviews and prints `committed <key>` after each one
 * the store has acknowledged. The crash test kills it with SIGKILL mid-stream; the
 * concurrency test runs two at once against one card.
 *
 * Usage: node --import tsx test/store/writer.ts '<json WriterJob>'
 */
import { openStore } from "../../src/store/store.ts";
import type { Rating } from "../../src/study/types.ts";

export interface WriterJob {
  databaseUrl?: string;
  sqlitePath?: string;
  userId: string;
  cardIds: string[];
  count: number;
  keyPrefix: string;
  startMs: number;
}

const job = JSON.parse(process.argv[2] ?? "{}") as WriterJob;
const ratings: Rating[] = ["good", "again", "hard", "easy"];
const store = await openStore({ databaseUrl: job.databaseUrl, sqlitePath: job.sqlitePath });
await store.ensureUser(job.userId);
process.stdout.write("ready\n");
for (let i = 0; i < job.count; i++) {
  const key = `${job.keyPrefix}-${i}`;
  await store.recordReview(job.userId, {
    cardId: job.cardIds[i % job.cardIds.length] ?? "card",
    rating: ratings[i % ratings.length] ?? "good",
    reviewedAt: new Date(job.startMs + i * 60_000),
    durationMs: 1000 + i,
    idempotencyKey: key,
  });
  process.stdout.write(`committed ${key}\n`);
}
await store.close();
process.stdout.write("done\n");

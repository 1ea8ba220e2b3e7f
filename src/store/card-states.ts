import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import type { CardState, CardStatus } from "../study/types.ts";
import { toDate, toDateOrNull } from "./codec.ts";
import type { Connection } from "./connect.ts";
import { compiledOnce } from "./prepared.ts";
import type { Database } from "./schema.ts";

/**
 * A card state as a row of positions, in this order: what the session and the
 * progress screens load thousands of at once. Objects per row (Kysely's and the
 * drivers' shape) cost more than the query itself at that size.
 */
type StateTuple = [
  cardId: string,
  status: string,
  due: number | string,
  stability: number,
  difficulty: number,
  elapsedDays: number,
  scheduledDays: number,
  learningSteps: number,
  reps: number,
  lapses: number,
  lastReview: number | string | null,
  introducedAt: number | string | null,
];

const TUPLE_COLUMNS = [
  "card_id",
  "status",
  "due",
  "stability",
  "difficulty",
  "elapsed_days",
  "scheduled_days",
  "learning_steps",
  "reps",
  "lapses",
  "last_review",
  "introduced_at",
] as const;

function fromTuple(t: StateTuple): CardState {
  return {
    cardId: t[0],
    status: t[1] as CardStatus,
    due: toDate(t[2]),
    stability: Number(t[3]),
    difficulty: Number(t[4]),
    elapsedDays: Number(t[5]),
    scheduledDays: Number(t[6]),
    learningSteps: Number(t[7]),
    reps: Number(t[8]),
    lapses: Number(t[9]),
    lastReview: toDateOrNull(t[10]),
    introducedAt: toDateOrNull(t[11]),
  };
}

const statesQuery = compiledOnce((db, args: { userId: string }) =>
  db
    .selectFrom("card_states")
    .select(TUPLE_COLUMNS)
    .where("user_id", "=", args.userId)
    .orderBy("card_id"),
);

const stateQuery = compiledOnce((db, args: { userId: string; cardId: string }) =>
  db
    .selectFrom("card_states")
    .select(TUPLE_COLUMNS)
    .where("user_id", "=", args.userId)
    .where("card_id", "=", args.cardId),
);

/**
 * Every card state of the user, by card id. SQLite reads them synchronously as arrays
 * (half the cost of a row of objects each); PostgreSQL through Kysely's pool. Measured
 * alternatives on PostgreSQL, slower: `json_agg` of the rows (the aggregation alone takes
 * 10 ms for 4,000 states) and `string_agg` text (cheaper to build, no cheaper to take apart).
 */
export async function listCardStates(connection: Connection, userId: string): Promise<CardState[]> {
  const { db, sqlite } = connection;
  // Synchronous unless an async Kysely transaction holds the handle (an import between
  // its awaits): reading then would see its uncommitted rows; Kysely's path waits for it.
  if (sqlite && !sqlite.inTransaction) {
    const { sql: text, parameters } = statesQuery(db, { userId });
    const rows = rawStatement(sqlite, text).all(...parameters) as StateTuple[];
    return rows.map(fromTuple);
  }
  const { rows } = await db.executeQuery(statesQuery(db, { userId }));
  return rows.map(fromRow);
}

export async function getCardState(
  db: Kysely<Database>,
  userId: string,
  cardId: string,
): Promise<CardState | undefined> {
  const { rows } = await db.executeQuery(stateQuery(db, { userId, cardId }));
  return rows[0] && fromRow(rows[0]);
}

type StateRow = Record<(typeof TUPLE_COLUMNS)[number], unknown>;
function fromRow(row: StateRow): CardState {
  return fromTuple([
    row.card_id,
    row.status,
    row.due,
    row.stability,
    row.difficulty,
    row.elapsed_days,
    row.scheduled_days,
    row.learning_steps,
    row.reps,
    row.lapses,
    row.last_review,
    row.introduced_at,
  ] as StateTuple);
}

/**
 * Raw (array) statements of our own: the connection's statement cache is shared with
 * Kysely, which needs rows as objects, and `raw(true)` changes the statement it is called on.
 */
const rawStatements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
function rawStatement(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = rawStatements.get(sqlite);
  if (!cache) {
    cache = new Map();
    rawStatements.set(sqlite, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = sqlite.prepare(text).raw(true);
    cache.set(text, statement);
  }
  return statement;
}

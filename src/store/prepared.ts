import { createHash } from "node:crypto";
import { CompiledQuery, type Kysely } from "kysely";
import type pg from "pg";
import type { Database } from "./schema.ts";

/** Where a value goes in a query compiled once; `bind` puts the call's value in its place. */
class Slot {
  constructor(readonly name: string) {}
}

type Compilable<R> = { compile(): CompiledQuery<R> };

/**
 * A query built with Kysely once per dialect and then only bound to values: building and
 * compiling a query costs more CPU than better-sqlite3 takes to run it (tens of
 * microseconds against a few), and a review or a session runs the same few shapes every
 * time. `build` receives the arguments as placeholders; it must not branch on them.
 *
 * The same SQL text every call also lets better-sqlite3's statement cache hit.
 */
export function compiledOnce<Args extends object, R>(
  build: (db: Kysely<Database>, args: Args) => Compilable<R>,
): (db: Kysely<Database>, args: Args) => CompiledQuery<R> {
  // Keyed by the dialect adapter, which a transaction's Kysely shares with its parent.
  const cache = new WeakMap<object, { sql: string; parameters: readonly unknown[] }>();
  const slots = new Proxy({} as Args, { get: (_, name) => new Slot(String(name)) });
  return (db, args) => {
    const adapter = db.getExecutor().adapter;
    let template = cache.get(adapter);
    if (!template) {
      template = build(db, slots).compile();
      cache.set(adapter, template);
    }
    const values = args as Record<string, unknown>;
    const parameters = template.parameters.map((p) => {
      if (!(p instanceof Slot)) return p;
      const value = values[p.name];
      if (value === undefined) throw new Error(`compiledOnce: no value for ${p.name}`);
      return value;
    });
    return CompiledQuery.raw(template.sql, parameters) as CompiledQuery<R>;
  };
}

/**
 * A compiled query as a pg query config with a name: the server parses and plans a named
 * statement once per connection and later calls send only its values, which is most of
 * a small statement's cost on both sides. The name is derived from the text, so one text
 * always has one name (pg refuses a name reused for another text on a connection).
 */
export function namedStatement(
  query: CompiledQuery,
  rowMode?: "array",
): pg.QueryConfig<unknown[]> & { rowMode?: "array" } {
  let name = statementNames.get(query.sql);
  if (!name) {
    name = `pyprep_${createHash("sha1").update(query.sql).digest("hex").slice(0, 16)}`;
    statementNames.set(query.sql, name);
  }
  return {
    name,
    text: query.sql,
    values: query.parameters as unknown[],
    ...(rowMode ? { rowMode } : {}),
  };
}
const statementNames = new Map<string, string>();

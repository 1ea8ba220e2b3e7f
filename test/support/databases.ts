import { randomUUID } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";

export type Row = Record<string, unknown>;

/**
 * An empty schema in the `databaseUrl` database, selected through the connection's
 * search_path, so tests run in parallel and each starts from nothing; `drop` removes it.
 */
export async function freshPostgresSchema(
  databaseUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  await withClient(databaseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(databaseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: () =>
      withClient(databaseUrl, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`)).then(
        () => {},
      ),
  };
}

/** Raw SQL outside the code under test. Probes use SQLite's `?` placeholders; PG wants $1, $2… */
export function queryPostgres(url: string, text: string, params: unknown[] = []): Promise<Row[]> {
  let n = 0;
  return withClient(
    url,
    async (client) =>
      (
        await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows,
  );
}

/** Raw SQL on a SQLite file, read-only; a statement that returns no rows answers its run info. */
export function querySqlite(file: string, text: string, params: unknown[] = []): Row[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const statement = db.prepare(text);
    return statement.reader
      ? (statement.all(...params) as Row[])
      : [statement.run(...params) as unknown as Row];
  } finally {
    db.close();
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

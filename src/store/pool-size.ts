/**
 * Connections a PostgreSQL store opens at most (lazily, as load needs them). A review
 * holds one for two round trips; measured with 50 reviews in flight, 20 kept the
 * database busy where 10 left requests queueing for a connection.
 *
 * Its own module so settings code (src/server/config.ts, read by the `pyprep serve`
 * supervisor) names it without loading the database drivers.
 */
export const DEFAULT_POOL_SIZE = 20;

/** The bundle `npm start` and the API benchmark run: dist/server/main.js. */
export const SERVER_ENTRY: string;
/** Builds when a source is newer than the bundle (or `force`); returns the bundle's path. */
export function buildServer(options?: { force?: boolean }): Promise<string>;

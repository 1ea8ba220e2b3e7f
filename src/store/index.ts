export { type ConnectOptions, DEFAULT_SQLITE_PATH } from "./connect.ts";
export { StoreInputError, UnknownUserError } from "./errors.ts";
export type { MockResult } from "./mock-results.ts";
export type { RecordedReview, ReviewInput, ReviewRange } from "./reviews.ts";
export type { DialectName } from "./schema.ts";
export { DEFAULT_SETTINGS, THEMES, type Theme, type UserSettings } from "./settings.ts";
export { openStore, type Store, type StoreOptions } from "./store.ts";
export {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ImportSummary,
  type ProgressExport,
  parseProgressExport,
} from "./transfer.ts";
export type { User } from "./users.ts";

/**
 * How every CPython process of the runner starts. `-I` isolates it from the user's
 * environment, `-S` skips `site` (the bank is stdlib-only, and `site` is most of the
 * start-up), `-u` keeps output unbuffered so a killed run still shows what it printed,
 * `-X utf8` makes UTF-8 the default encoding whatever the locale.
 */
export const PYTHON_FLAGS = ["-I", "-S", "-u", "-X", "utf8"] as const;

/** The whole environment a job (or the fork server, with no `dir`) sees. */
export function childEnv(dir?: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    LANG: "C.UTF-8",
    ...(dir !== undefined ? { HOME: dir, TMPDIR: dir } : {}),
  };
}

/**
 * How every CPython process of the runner starts. `-I` isolates it from the user's
 * environment, `-S` skips `site` (the bank is stdlib-only, and `site` is most of the
 * start-up), `-u` keeps output unbuffered so a killed run still shows what it printed,
 * `-X utf8` makes UTF-8 the default encoding whatever the locale.
 */
export const PYTHON_FLAGS = ["-I", "-S", "-u", "-X", "utf8"] as const;

/**
 * The whole environment of the runner's Python processes, and so of every job: nothing of
 * the host's but PATH. The job's own process adds HOME and TMPDIR (its directory); the fork
 * server and supervisors have only this, so a job reading its parent's /proc/<pid>/environ
 * finds nothing of the host's either.
 */
export function childEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C.UTF-8" };
}

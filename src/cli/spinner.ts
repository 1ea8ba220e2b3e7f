import { spinner } from "@clack/prompts";
import type { Terminal } from "./terminal.ts";

/** Work shorter than this shows no spinner at all, so quick commands do not flicker. */
const SPINNER_DELAY_MS = 300;

/**
 * Runs `work` with a spinner on stderr when stderr is a terminal and the work takes a
 * while; stdout stays clean for `--json` and pipes.
 */
export async function withSpinner<T>(
  term: Terminal,
  message: string,
  work: () => Promise<T>,
): Promise<T> {
  const stderr = term.err as NodeJS.WriteStream;
  if (!stderr.isTTY) return work();
  let shown: ReturnType<typeof spinner> | undefined;
  const timer = setTimeout(() => {
    shown = spinner({ output: stderr, withGuide: false });
    shown.start(message);
  }, SPINNER_DELAY_MS);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    shown?.clear();
  }
}

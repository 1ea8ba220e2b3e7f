import { INTERRUPTED_EXIT_CODE, Interrupted } from "./errors.ts";

/**
 * Ctrl-C outside a prompt arrives as SIGINT. By default it ends the process at once
 * (every write is a committed transaction, so nothing half-written is left). A
 * session that has answers in flight claims it instead, finishes the write it is in
 * and stops in an orderly way.
 */
let claimed: AbortController | undefined;

export function installInterruptHandler(): void {
  process.on("SIGINT", () => {
    if (claimed) claimed.abort();
    else process.exit(INTERRUPTED_EXIT_CODE);
  });
}

/** While the returned signal is held, SIGINT aborts it instead of exiting; `release` ends that. */
export function claimInterrupts(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  claimed = controller;
  return {
    signal: controller.signal,
    release: () => {
      if (claimed === controller) claimed = undefined;
    },
  };
}

/** `work`, or `Interrupted` as soon as `signal` aborts (the work itself is left to its owner). */
export function untilInterrupted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Interrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Interrupted());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

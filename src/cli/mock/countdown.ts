import type { Terminal } from "../terminal.ts";

/** How often the prompt redraws its clock. */
const TICK_MS = 1000;

/**
 * The mock's clock in the terminal: `label()` is the time left as the prompt shows it,
 * and `signal` aborts when it reaches zero, which ends whatever prompt is open. Each
 * tick emits `resize` on the output, the event clack prompts redraw on, so an open
 * prompt shows the new time every second.
 */
export class Countdown {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly remaining: () => number;
  private readonly term: Terminal;

  constructor(term: Terminal, remainingMs: () => number) {
    this.term = term;
    this.remaining = remainingMs;
    this.signal = this.controller.signal;
  }

  start(): void {
    this.check();
    this.timer ??= setInterval(() => {
      this.check();
      this.term.out.emit("resize");
    }, TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get timeUp(): boolean {
    return this.signal.aborted;
  }

  /** `⏱ 12:05 left`, yellow in the last five minutes, red in the last one. */
  label(): string {
    const ms = this.remaining();
    const text = `${this.term.unicode ? "⏱ " : ""}${clock(ms)} left`;
    const { paint } = this.term;
    if (ms <= 60_000) return paint.bold(paint.red(text));
    if (ms <= 5 * 60_000) return paint.yellow(text);
    return paint.cyan(text);
  }

  private check(): void {
    if (this.remaining() <= 0 && !this.signal.aborted) this.controller.abort();
  }
}

/** `m:ss` (or `h:mm:ss`) for a duration, rounded up so 0:00 means the time is really up. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

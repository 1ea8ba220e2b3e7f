import { stripVTControlCharacters } from "node:util";
import pc from "picocolors";

type Colors = ReturnType<typeof pc.createColors>;

/** The few symbols the CLI prints itself, each with an ASCII stand-in. */
export interface Glyphs {
  ok: string;
  fail: string;
  touched: string;
  untouched: string;
  bullet: string;
  arrow: string;
  dot: string;
  /** Eight bar heights, lowest first, for sparklines. */
  bars: readonly string[];
}

const UNICODE_GLYPHS: Glyphs = {
  ok: "✓",
  fail: "✗",
  touched: "✓",
  untouched: "○",
  bullet: "•",
  arrow: "→",
  dot: "·",
  bars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
};

const ASCII_GLYPHS: Glyphs = {
  ok: "ok",
  fail: "x",
  touched: "[x]",
  untouched: "[ ]",
  bullet: "-",
  arrow: "->",
  dot: "-",
  bars: ["_", ".", ":", "-", "=", "+", "*", "#"],
};

/**
 * What the output stream can show, decided once per process. Colour and Unicode
 * symbols only on a terminal; plain text when piped or when `NO_COLOR` is set
 * (https://no-color.org: present and not empty), so scripts and logs get clean text.
 */
export interface Terminal {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  color: boolean;
  unicode: boolean;
  /** Both ends are a terminal: prompts, spinners and an editor can be used. */
  interactive: boolean;
  /** Columns to wrap to. */
  width: number;
  paint: Colors;
  glyphs: Glyphs;
  /** Writes a line (or lines) to stdout, stripped of escapes when colour is off. */
  print(text?: string): void;
  /** One line to stderr. */
  warn(text: string): void;
}

export function detectTerminal(
  env: NodeJS.ProcessEnv = process.env,
  stdout: NodeJS.WriteStream = process.stdout,
  stdin: NodeJS.ReadStream = process.stdin,
  stderr: NodeJS.WriteStream = process.stderr,
): Terminal {
  const tty = stdout.isTTY === true;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0";
  const color = !noColor && (forced || (tty && env.TERM !== "dumb"));
  // The Linux kernel console has no glyphs beyond Latin-1; every other terminal does.
  const unicode = tty && env.TERM !== "linux" && env.TERM !== "dumb";
  const width = Math.max(40, Math.min(tty ? (stdout.columns ?? 80) : 80, 100));
  const strip = (text: string) => (color ? text : stripVTControlCharacters(text));
  return {
    out: stdout,
    err: stderr,
    color,
    unicode,
    interactive: tty && stdin.isTTY === true,
    width,
    paint: pc.createColors(color),
    glyphs: unicode ? UNICODE_GLYPHS : ASCII_GLYPHS,
    print: (text = "") => {
      stdout.write(`${strip(text)}\n`);
    },
    warn: (text) => {
      stderr.write(`${stripVTControlCharacters(text)}\n`);
    },
  };
}

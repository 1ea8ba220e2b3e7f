import { SYNTAX_CLASSES as S } from "../highlight.ts";

/**
 * The CSS both note types share. Anki puts `.card` on the body and adds `.nightMode`
 * in dark mode (the desktop app and AnkiMobile; AnkiDroid and older versions use
 * `.night_mode`), so every colour has a light value and a night value under both.
 */
export const CARD_CSS = `.card {
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 18px;
  line-height: 1.5;
  text-align: left;
  color: #1d1f24;
  background-color: #ffffff;
  --code-bg: #f3f4f7;
  --code-border: #d9dce3;
  --muted: #5b6170;
  --accent: #2f5fd0;
  --ok: #1d7a46;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  color: #e4e6eb;
  background-color: #1b1d22;
  --code-bg: #11141a;
  --code-border: #343a46;
  --muted: #a3a9b6;
  --accent: #8fb0ff;
  --ok: #6fd39b;
}
.pyprep { max-width: 46em; margin: 0 auto; padding: 0 0.5em; }
.pyprep .question { font-size: 1.2em; font-weight: 600; }
.pyprep .source { color: var(--muted); font-size: 0.8em; margin-top: 0.75em; }
.pyprep h3, .pyprep h4 { margin: 1em 0 0.35em; }
.pyprep h4 { font-size: 1em; }
.pyprep .label { color: var(--muted); font-size: 0.8em; margin: 0.5em 0 0.2em; }
.pyprep code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
.pyprep :not(pre) > code { background: var(--code-bg); border-radius: 3px; padding: 0 0.2em; }
.pyprep pre {
  background: var(--code-bg);
  border: 1px solid var(--code-border);
  border-radius: 6px;
  padding: 0.6em 0.8em;
  overflow-x: auto;
  white-space: pre;
  line-height: 1.4;
}
.pyprep pre.output { border-left: 4px solid var(--ok); }
.pyprep .key-points li { margin: 0.2em 0; }
.pyprep .note { color: var(--muted); font-size: 0.85em; }
.pyprep a { color: var(--accent); }
.pyprep hr#answer { border: 0; border-top: 1px solid var(--code-border); margin: 1em 0; }
.pyprep .${S.keyword} { color: #a626a4; }
.pyprep .${S.string} { color: #2b7a0b; }
.pyprep .${S.comment} { color: #6a7280; font-style: italic; }
.pyprep .${S.number} { color: #b4530a; }
.pyprep .${S.function} { color: #2f5fd0; }
.pyprep .${S.className} { color: #9a6a00; }
.nightMode .pyprep .${S.keyword}, .night_mode .pyprep .${S.keyword} { color: #d7a6ff; }
.nightMode .pyprep .${S.string}, .night_mode .pyprep .${S.string} { color: #9fdc7c; }
.nightMode .pyprep .${S.comment}, .night_mode .pyprep .${S.comment} { color: #98a1b3; }
.nightMode .pyprep .${S.number}, .night_mode .pyprep .${S.number} { color: #ffb36b; }
.nightMode .pyprep .${S.function}, .night_mode .pyprep .${S.function} { color: #8fb0ff; }
.nightMode .pyprep .${S.className}, .night_mode .pyprep .${S.className} { color: #f2cc60; }
`;

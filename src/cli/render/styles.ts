import { DEFAULT_THEME, type Theme } from "cli-highlight";
import pc from "picocolors";

/*
 * marked-terminal and cli-highlight style with chalk, and chalk asks supports-color, which
 * turns colour off whenever `CI` is set, even on a real terminal. Colour is decided once, in
 * detectTerminal; these styles always colour and renderMarkdown strips them when it is off.
 */
const c = pc.createColors(true);
type Style = (text: string) => string;
const plain: Style = (text) => text;

export const markdownStyles = {
  code: c.yellow,
  blockquote: (t: string) => c.gray(c.italic(t)),
  html: c.gray,
  heading: (t: string) => c.green(c.bold(t)),
  firstHeading: (t: string) => c.magenta(c.underline(c.bold(t))),
  hr: plain,
  listitem: plain,
  table: plain,
  paragraph: plain,
  strong: c.bold,
  em: c.italic,
  codespan: c.yellow,
  del: (t: string) => c.dim(c.gray(c.strikethrough(t))),
  link: c.blue,
  href: (t: string) => c.blue(c.underline(t)),
};

const tokenStyles: Record<string, Style> = {
  keyword: c.blue,
  built_in: c.cyan,
  type: (t) => c.cyan(c.dim(t)),
  literal: c.blue,
  number: c.green,
  regexp: c.red,
  string: c.red,
  subst: plain,
  symbol: plain,
  class: c.blue,
  function: c.yellow,
  title: plain,
  params: plain,
  comment: c.green,
  doctag: c.green,
  meta: c.gray,
  "meta-keyword": plain,
  "meta-string": plain,
  section: plain,
  tag: c.gray,
  name: c.blue,
  "builtin-name": plain,
  attr: c.cyan,
  attribute: plain,
  variable: plain,
  bullet: plain,
  code: plain,
  emphasis: c.italic,
  strong: c.bold,
  formula: plain,
  link: c.underline,
  quote: plain,
  addition: c.green,
  deletion: c.red,
};

/** Every key cli-highlight knows, so none falls back to its chalk-coloured default. */
export const codeTheme: Theme = Object.fromEntries(
  Object.keys(DEFAULT_THEME).map((key) => [key, tokenStyles[key] ?? plain]),
) as Theme;

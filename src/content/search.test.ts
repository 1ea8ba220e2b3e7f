import { describe, expect, it } from "vitest";
import { catalog, goodQuestion } from "../../test/fixtures/catalog.ts";
import { parseQuestion } from "./parse-question.ts";
import type { Question } from "./schema.ts";
import { buildSearchIndex, plainText, snippetOf, tokenize } from "./search.ts";

function question(id: string, h1: string, answer?: string): Question {
  let text = goodQuestion.replace(/^id: .*$/m, `id: ${id}`).replace(/^# .*$/m, `# ${h1}`);
  if (answer) text = text.replace(/## Answer\n\n[^\n]*\n/, `## Answer\n\n${answer}\n`);
  const parsed = parseQuestion(`fresher/${id}.md`, text, catalog);
  if (!parsed.question) throw new Error(parsed.problems.map((p) => p.message).join("\n"));
  return parsed.question;
}

const bank = [
  question("list-vs-tuple", "What is the difference between a list and a tuple?"),
  question(
    "generators",
    "How do generators work?",
    "A generator function pauses at each `yield`; the caller resumes it with next().",
  ),
  question(
    "dunder-init",
    "What does `__init__` do?",
    "`__init__` initialises a new instance after `__new__` made it.",
  ),
  question(
    "gil",
    "What is the GIL?",
    "The global interpreter lock lets one thread run Python bytecode at a time; generators do not help.",
  ),
];
const index = buildSearchIndex(bank);
const ids = (q: string, within?: Set<string>) =>
  index.search(q, within ? { within } : {}).map((h) => h.id);

describe("tokenize and plainText", () => {
  it("lower-cases, strips accents and indexes dunder names bare too", () => {
    expect(tokenize("Café __init__ X2")).toEqual(["cafe", "__init__", "init", "x2"]);
  });
  it("reduces Markdown to the words a reader sees", () => {
    expect(plainText("Use **`yield`** in a [generator](https://x.y) <!-- terms: a -->")).toBe(
      "Use yield in a generator",
    );
  });
});

describe("search", () => {
  it("ranks a question whose own text matches above one that mentions the word in passing", () => {
    expect(ids("generators")).toEqual(["generators", "gil"]);
  });

  it("finds words by prefix while typing the last one", () => {
    expect(ids("generat")[0]).toBe("generators");
    expect(ids("interpreter lo")).toEqual(["gil"]);
  });

  it("finds dunder methods with or without the underscores", () => {
    expect(ids("__init__")[0]).toBe("dunder-init");
    expect(ids("init")[0]).toBe("dunder-init");
  });

  it("puts questions matching every word first, then partial matches", () => {
    expect(ids("thread generator")).toEqual(["gil", "generators"]);
  });

  it("ignores stop words unless the query is only stop words, and empty queries find nothing", () => {
    expect(ids("what is the GIL")).toEqual(["gil"]);
    expect(ids("   ")).toEqual([]);
    expect(ids("zebrafish")).toEqual([]);
  });

  it("searches only within the given ids", () => {
    expect(ids("generators", new Set(["gil"]))).toEqual(["gil"]);
  });

  it("highlights matches with <mark>, escaping everything else", () => {
    const [hit] = index.search("tuple");
    expect(hit?.highlights[0]).toBe(
      "What is the difference between a list and a <mark>tuple</mark>?",
    );
    const snippet = snippetOf("a < b and <c> tuple & more", new Set(["tuple"]));
    expect(snippet).toBe("a &lt; b and &lt;c&gt; <mark>tuple</mark> &amp; more");
  });

  it("cuts long text to a window around the first match, at word boundaries", () => {
    const long = `${"alpha ".repeat(60)}needle ${"omega ".repeat(60)}`;
    const snippet = snippetOf(long, new Set(["needle"])) ?? "";
    expect(snippet.startsWith("…alpha")).toBe(true);
    expect(snippet.endsWith("omega…")).toBe(true);
    expect(snippet).toContain("<mark>needle</mark>");
    expect(snippet.length).toBeLessThan(200);
  });
});

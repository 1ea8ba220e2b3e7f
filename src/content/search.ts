import { escapeHtml } from "./render-html.ts";
import type { Question } from "./schema.ts";

/**
 * Full-text search over the bank, in memory: the bank is a few hundred questions, so an
 * inverted index built at start-up answers any query in well under a millisecond and
 * needs no search engine. Ranking is BM25 over one virtual document per question whose
 * fields are weighted (the question's own words count most, example code least).
 */

export interface SearchHit {
  id: string;
  score: number;
  /** Escaped HTML snippets with the matched words wrapped in `<mark>`; at most three. */
  highlights: string[];
}

export interface SearchOptions {
  /** Only these question ids can be returned (the caller's level/topic filters). */
  within?: ReadonlySet<string>;
}

export interface SearchIndex {
  /** Best first; ties keep bank order. Empty for a query with no words. */
  search(query: string, options?: SearchOptions): SearchHit[];
}

type FieldName = "question" | "keyPoints" | "answer" | "examples";
const FIELD_WEIGHTS: Record<FieldName, number> = {
  question: 4,
  keyPoints: 2,
  answer: 1,
  examples: 0.75,
};
/** The order snippets are taken from: what the candidate recognises first. */
const SNIPPET_FIELDS: FieldName[] = ["question", "keyPoints", "answer", "examples"];

const STOP_WORDS = new Set(
  "a an and are as at be by do does for from how i in is it of on or the to what when which why with you your".split(
    " ",
  ),
);
const BM25_K1 = 1.2;
const BM25_B = 0.6;
/** A prefix expansion scores a little below the word typed in full. */
const PREFIX_FACTOR = 0.7;
const MIN_PREFIX = 3;
const SNIPPET_CHARS = 160;
const MAX_HIGHLIGHTS = 3;

interface Doc {
  id: string;
  fields: Record<FieldName, string>;
  length: number;
}

/** Lower-case, accents removed; dunder names also index their bare word (`__init__` → `init`). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}_]+/gu)) {
    const token = normalizeToken(match[0]);
    if (token === "") continue;
    out.push(token);
    const bare = token.replace(/^_+|_+$/g, "");
    if (bare !== token && bare !== "") out.push(bare);
  }
  return out;
}

function normalizeToken(token: string): string {
  return token.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Markdown to the words a reader sees: no fences, emphasis marks, link targets or comments. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/^```.*$/gm, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*#>|]/g, " ")
    .replace(/(^|\s)_+|_+(\s|$)/g, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}

function documentFor(question: Question): Doc {
  const fields: Record<FieldName, string> = {
    question: plainText(question.question),
    keyPoints: question.keyPoints.map((point) => plainText(point.text)).join(" · "),
    answer: plainText(`${question.context}\n${question.answer}`),
    examples: [...question.examples, ...question.drills]
      .map((r) => `${r.title} ${plainText(r.intro)} ${r.source.code}`)
      .concat(question.exercises.map((e) => `${e.title} ${plainText(e.prompt)}`))
      .join(" "),
  };
  return { id: question.id, fields, length: 0 };
}

export function buildSearchIndex(questions: readonly Question[]): SearchIndex {
  const docs = questions.map(documentFor);
  /** term → (doc index → weighted term frequency) */
  const postings = new Map<string, Map<number, number>>();
  docs.forEach((doc, index) => {
    let length = 0;
    for (const field of SNIPPET_FIELDS) {
      const weight = FIELD_WEIGHTS[field];
      for (const term of tokenize(doc.fields[field])) {
        let list = postings.get(term);
        if (!list) {
          list = new Map();
          postings.set(term, list);
        }
        list.set(index, (list.get(index) ?? 0) + weight);
        length += weight;
      }
    }
    doc.length = length;
  });
  const averageLength = docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, docs.length);
  const vocabulary = [...postings.keys()].sort();

  const idf = (term: string) => {
    const n = postings.get(term)?.size ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  };

  /** The index terms a query word stands for, each with its weight. */
  const expand = (word: string, isLast: boolean): Map<string, number> => {
    const terms = new Map<string, number>();
    if (postings.has(word)) terms.set(word, 1);
    // Prefixes let "generat" find "generator" while typing; only the last word is
    // assumed unfinished, other words expand only when they match nothing as typed.
    if (word.length >= MIN_PREFIX && (isLast || terms.size === 0)) {
      for (const term of prefixRange(vocabulary, word)) {
        if (term !== word) terms.set(term, PREFIX_FACTOR);
      }
    }
    return terms;
  };

  return {
    search(query, options = {}) {
      const all = [...new Set(tokenize(query))];
      const meaningful = all.filter((word) => !STOP_WORDS.has(word));
      const words = meaningful.length > 0 ? meaningful : all;
      if (words.length === 0) return [];

      const perWord = words.map((word, i) => expand(word, i === words.length - 1));
      const scores = new Map<number, number>();
      const matchedWords = new Map<number, number>();
      const matchedTerms = new Map<number, Set<string>>();
      perWord.forEach((terms) => {
        const seenHere = new Set<number>();
        for (const [term, factor] of terms) {
          const weight = idf(term) * factor;
          for (const [index, tf] of postings.get(term) ?? []) {
            const doc = docs[index] as Doc;
            if (options.within && !options.within.has(doc.id)) continue;
            const norm = BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / averageLength);
            scores.set(
              index,
              (scores.get(index) ?? 0) + (weight * tf * (BM25_K1 + 1)) / (tf + norm),
            );
            seenHere.add(index);
            let set = matchedTerms.get(index);
            if (!set) {
              set = new Set();
              matchedTerms.set(index, set);
            }
            set.add(term);
          }
        }
        for (const index of seenHere) matchedWords.set(index, (matchedWords.get(index) ?? 0) + 1);
      });

      // Questions with every word come first; the rest follow, so a typo in one word
      // still finds what the other words name.
      return [...scores.entries()]
        .map(([index, score]) => ({
          index,
          complete: matchedWords.get(index) === words.length,
          score,
        }))
        .sort(
          (a, b) =>
            Number(b.complete) - Number(a.complete) || b.score - a.score || a.index - b.index,
        )
        .map(({ index, score }) => {
          const doc = docs[index] as Doc;
          return {
            id: doc.id,
            score: Math.round(score * 1000) / 1000,
            highlights: highlights(doc, matchedTerms.get(index) ?? new Set()),
          };
        });
    },
  };
}

/** Sorted vocabulary entries that start with `prefix` (binary search, then a scan). */
function prefixRange(sorted: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && (sorted[i] as string).startsWith(prefix); i++) {
    out.push(sorted[i] as string);
  }
  return out;
}

function highlights(doc: Doc, terms: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const field of SNIPPET_FIELDS) {
    const snippet = snippetOf(doc.fields[field], terms);
    if (snippet) out.push(snippet);
    if (out.length >= MAX_HIGHLIGHTS) break;
  }
  return out;
}

/** A window of text around the first match, escaped, with every match marked. */
export function snippetOf(text: string, terms: ReadonlySet<string>): string | undefined {
  const hits: Array<[number, number]> = [];
  for (const match of text.matchAll(/[\p{L}\p{N}_]+/gu)) {
    const token = normalizeToken(match[0]);
    const bare = token.replace(/^_+|_+$/g, "");
    if (terms.has(token) || terms.has(bare)) {
      hits.push([match.index, match.index + match[0].length]);
    }
  }
  const first = hits[0];
  if (!first) return undefined;
  let start = 0;
  let end = text.length;
  if (text.length > SNIPPET_CHARS) {
    start = Math.max(0, first[0] - Math.floor(SNIPPET_CHARS / 3));
    end = Math.min(text.length, start + SNIPPET_CHARS);
    start = Math.max(0, end - SNIPPET_CHARS);
    // Cut at spaces so no word is shown half.
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    if (end < text.length)
      end = text.lastIndexOf(" ", end) > first[1] ? text.lastIndexOf(" ", end) : end;
  }
  let html = start > 0 ? "…" : "";
  let at = start;
  for (const [from, to] of hits) {
    if (from < start || to > end) continue;
    html += `${escapeHtml(text.slice(at, from))}<mark>${escapeHtml(text.slice(from, to))}</mark>`;
    at = to;
  }
  html += escapeHtml(text.slice(at, end)) + (end < text.length ? "…" : "");
  return html;
}

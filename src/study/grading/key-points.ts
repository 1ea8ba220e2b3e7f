import type { KeyPoint } from "../../content/schema.ts";

export interface KeyPointCheck {
  text: string;
  matched: boolean;
  /** The key point's terms found in the answer, in the order the content lists them. */
  matchedTerms: string[];
}

export interface KeyPointChecklist {
  items: KeyPointCheck[];
  touched: number;
  total: number;
}

/**
 * Which key points a typed answer touches. A key point is touched when any of its
 * terms occurs in the answer as whole words: case-insensitive, any run of spaces or
 * line breaks equal to one space, a hyphen between letters equal to a space
 * ("copy-on-write" = "copy on write"), and a plural `s`/`es` allowed after a term
 * that ends in a letter ("tuple" touches "tuples"). This only marks the checklist;
 * the candidate still rates their own recall.
 */
export function matchKeyPoints(
  answer: string,
  keyPoints: readonly Pick<KeyPoint, "text" | "terms">[],
): KeyPointChecklist {
  const text = normalize(answer);
  const items = keyPoints.map((point) => {
    const matchedTerms = point.terms.filter((term) => termPattern(term)?.test(text) ?? false);
    return { text: point.text, matched: matchedTerms.length > 0, matchedTerms };
  });
  return { items, touched: items.filter((item) => item.matched).length, total: items.length };
}

function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/(?<=\p{L})[-\u2010\u2011](?=\p{L})/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const patterns = new Map<string, RegExp | null>();

/** Null for a term that normalizes to nothing: it can never match. */
function termPattern(term: string): RegExp | null {
  const cached = patterns.get(term);
  if (cached !== undefined) return cached;
  const normalized = normalize(term);
  let pattern: RegExp | null = null;
  if (normalized !== "") {
    const first = normalized[0] ?? "";
    const last = normalized[normalized.length - 1] ?? "";
    const body = normalized.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // Boundaries only where the term itself ends in a word character: `==` or
    // `O(1)` may sit right next to other symbols.
    const before = WORD_CHAR.test(first) ? "(?<![\\p{L}\\p{N}_])" : "";
    const plural = /\p{L}/u.test(last) ? "(?:e?s)?" : "";
    const after = WORD_CHAR.test(last) ? "(?![\\p{L}\\p{N}_])" : "";
    pattern = new RegExp(`${before}${body}${plural}${after}`, "u");
  }
  patterns.set(term, pattern);
  return pattern;
}

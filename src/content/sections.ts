import type { Heading, Root, RootContent } from "mdast";
import { toString as mdToString } from "mdast-util-to-string";

/** The kinds of `##` section a question file may hold, in the order they must appear. */
export const SECTION_ORDER = [
  "answer",
  "key-points",
  "example",
  "drill",
  "exercise",
  "follow-ups",
  "mistakes",
] as const;
export type SectionKind = (typeof SECTION_ORDER)[number];

export interface Section {
  kind: SectionKind;
  /** The part after `Example:` / `Drill:` / `Exercise:`, or the heading text. */
  title: string;
  heading: Heading;
  nodes: RootContent[];
}

export interface SplitBody {
  h1: Heading | undefined;
  /** Nodes between the H1 and the first `##`. */
  context: RootContent[];
  sections: Section[];
  /** `##` headings whose text names no known section. */
  unknown: Heading[];
  /** Nodes before the H1 (only blank space is allowed there). */
  beforeH1: RootContent[];
  /** Extra `#` headings after the first. */
  extraH1: Heading[];
}

const NAMED: Record<string, SectionKind> = {
  answer: "answer",
  "key points": "key-points",
  "follow-ups": "follow-ups",
  "follow ups": "follow-ups",
  followups: "follow-ups",
  "common mistakes": "mistakes",
};

/** `Example`, `Example: title`, `Drill: ...`, `Exercise: ...` carry a title after the colon. */
export function classifyHeading(text: string): { kind: SectionKind; title: string } | undefined {
  const trimmed = text.trim();
  const named = NAMED[trimmed.toLowerCase()];
  if (named) return { kind: named, title: trimmed };
  const match = /^(example|drill|exercise)\s*(?::\s*(.*))?$/i.exec(trimmed);
  if (!match) return undefined;
  const kind = match[1]?.toLowerCase() as SectionKind;
  return { kind, title: (match[2] ?? "").trim() };
}

export function splitBody(tree: Root): SplitBody {
  const result: SplitBody = {
    h1: undefined,
    context: [],
    sections: [],
    unknown: [],
    beforeH1: [],
    extraH1: [],
  };
  let current: RootContent[] | undefined;
  for (const node of tree.children) {
    if (node.type === "heading" && node.depth === 1) {
      if (result.h1) result.extraH1.push(node);
      else {
        result.h1 = node;
        current = result.context;
      }
      continue;
    }
    if (node.type === "heading" && node.depth === 2) {
      const kind = classifyHeading(mdToString(node));
      if (!kind) {
        result.unknown.push(node);
        current = [];
        continue;
      }
      const section: Section = { ...kind, heading: node, nodes: [] };
      result.sections.push(section);
      current = section.nodes;
      continue;
    }
    if (current) current.push(node);
    else result.beforeH1.push(node);
  }
  return result;
}

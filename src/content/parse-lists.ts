import type { List, RootContent } from "mdast";
import type { ParseContext } from "./parse-context.ts";
import type { KeyPoint } from "./schema.ts";
import type { Section } from "./sections.ts";

const TERMS_COMMENT = /<!--\s*terms:\s*([\s\S]*?)-->/i;

/** `## Key points`: 3 to 6 bullets, each ending in `<!-- terms: a, b -->`. */
export function parseKeyPoints(ctx: ParseContext, section: Section | undefined): KeyPoint[] {
  if (!section) return [];
  const keyPoints: KeyPoint[] = [];
  const list = onlyList(ctx, section, "Key points");
  for (const item of list?.children ?? []) {
    const itemSource = ctx.source(item.children as RootContent[]);
    const terms = TERMS_COMMENT.exec(itemSource);
    const textOnly = itemSource.replace(TERMS_COMMENT, "").trim();
    const termList = (terms?.[1] ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    if (termList.length === 0) {
      ctx.report(item, "key point has no terms: end it with <!-- terms: word, another phrase -->");
    }
    if (textOnly === "") ctx.report(item, "key point has terms but no text");
    keyPoints.push({ text: textOnly, terms: termList, position: ctx.pos(item) });
  }
  if (list && (keyPoints.length < 3 || keyPoints.length > 6)) {
    ctx.report(section.heading, `Key points must list 3 to 6 points; found ${keyPoints.length}`);
  }
  return keyPoints;
}

/** A section that is one bullet list of `min` to `max` items (Follow-ups, Common mistakes). */
export function parseBullets(
  ctx: ParseContext,
  section: Section | undefined,
  label: string,
  min: number,
  max: number,
): string[] {
  if (!section) return [];
  const list = onlyList(ctx, section, label);
  const items = (list?.children ?? []).map((item) => ctx.source(item.children as RootContent[]));
  if (list && (items.length < min || items.length > max)) {
    ctx.report(
      section.heading,
      `${label} must list ${max === Infinity ? `at least ${min}` : `${min} to ${max}`} items; found ${items.length}`,
    );
  }
  return items;
}

function onlyList(ctx: ParseContext, section: Section, label: string): List | undefined {
  const lists = section.nodes.filter((n): n is List => n.type === "list");
  const others = section.nodes.filter((n) => n.type !== "list" && n.type !== "html");
  if (lists.length !== 1) {
    ctx.report(section.heading, `${label} must be one bullet list ('- ...' lines)`);
  }
  for (const node of others)
    ctx.report(node, `${label} holds only a bullet list; move this text into a list item`);
  return lists[0];
}

import type { Level } from "../../content/schema.ts";

/**
 * Where things live in the Markdown book. Anchors are explicit `<a id>` tags rather than
 * a host's heading slugs, which differ between GitHub, GitLab, Gitea and editors.
 * Every host keeps `id` on `<a>` (GitHub prefixes it with `user-content-` and still
 * follows `#id` links to it), and the ids are our own slugs, so they never need escaping.
 */
export const INDEX_FILE = "README.md";
export const CONTENTS_ANCHOR = "contents";

export function levelFile(level: Level): string {
  return `${level}.md`;
}

export function questionAnchor(id: string): string {
  return `q-${id}`;
}

export function topicAnchor(id: string): string {
  return `topic-${id}`;
}

export function anchorTag(id: string): string {
  return `<a id="${id}"></a>`;
}

/** A link to `anchor` in `file`, as seen from `from` (all files share one folder). */
export function linkTarget(from: string, file: string, anchor?: string): string {
  const fragment = anchor ? `#${anchor}` : "";
  return from === file ? fragment || file : `${file}${fragment}`;
}

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Bank } from "./bank.ts";
import { parseCatalog } from "./catalog.ts";
import { buildBank, type SourceFile } from "./load.ts";
import type { Problem } from "./problem.ts";

/** The bundled bank: `content/` at the package root. */
export const DEFAULT_CONTENT_ROOT = fileURLToPath(new URL("../../content", import.meta.url));

/** Reads the catalog and every `*.md` under `root` (the Node edge of the pure loader). */
export async function loadBank(
  root: string = DEFAULT_CONTENT_ROOT,
  only?: readonly string[],
): Promise<{ bank: Bank; problems: Problem[]; files: SourceFile[] }> {
  const [topicsText, coverageText] = await Promise.all([
    readFile(path.join(root, "topics.yaml"), "utf8"),
    readFile(path.join(root, "coverage.yaml"), "utf8"),
  ]);
  const { catalog, problems: catalogProblems } = parseCatalog(topicsText, coverageText);
  const paths = only ? only.map((p) => path.resolve(p)) : await listMarkdown(root);
  const files = await Promise.all(
    paths.map(async (absolute) => ({
      path: path.relative(root, absolute).split(path.sep).join("/"),
      text: await readFile(absolute, "utf8"),
    })),
  );
  const { bank, problems } = buildBank(files, catalog);
  return { bank, problems: [...catalogProblems, ...problems], files };
}

export async function listMarkdown(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md") && e.name !== "README.md")
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

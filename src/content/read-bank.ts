import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Bank } from "./bank.ts";
import { parseCatalog } from "./catalog.ts";
import { buildBank, type SourceFile } from "./load.ts";
import type { Problem } from "./problem.ts";

/** The bundled bank: `content/` at the package root. */
export const DEFAULT_CONTENT_ROOT = fileURLToPath(new URL("../../content", import.meta.url));

/** The bundled catalog files a content pack without its own falls back to. */
const CATALOG_FILES = ["topics.yaml", "coverage.yaml"] as const;

/** A content folder or file that cannot be read, said in one line with the path at fault. */
export class ContentPathError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "ContentPathError";
  }
}

export interface LoadedBank {
  bank: Bank;
  problems: Problem[];
  files: SourceFile[];
  /** What the loader decided for the author to know, e.g. that it used the bundled topics. */
  notes: string[];
}

/**
 * Reads the catalog and every `*.md` under `root` (the Node edge of the pure loader). A root
 * without its own `topics.yaml` or `coverage.yaml` uses the bundled one, and a note says so.
 * `only` limits the files read to those paths.
 */
export async function loadBank(
  root: string = DEFAULT_CONTENT_ROOT,
  only?: readonly string[],
): Promise<LoadedBank> {
  await requireFolder(root);
  const notes: string[] = [];
  const [topicsText, coverageText] = await Promise.all(
    CATALOG_FILES.map(async (name) => {
      const own = path.join(root, name);
      if (await exists(own)) return readText(own);
      const bundled = path.join(DEFAULT_CONTENT_ROOT, name);
      if (path.resolve(own) === path.resolve(bundled))
        throw new ContentPathError(own, `the bundled content has no ${name} (${own})`);
      notes.push(`${root} has no ${name}: using the bundled one`);
      return readText(bundled);
    }),
  );
  const { catalog, problems: catalogProblems } = parseCatalog(topicsText ?? "", coverageText ?? "");
  const paths = only ? only.map((p) => path.resolve(p)) : await listMarkdown(root);
  const files = await Promise.all(
    paths.map(async (absolute) => ({
      path: path.relative(root, absolute).split(path.sep).join("/"),
      text: await readText(absolute),
    })),
  );
  const { bank, problems } = buildBank(files, catalog);
  return { bank, problems: [...catalogProblems, ...problems], files, notes };
}

/** Every question file under `root`, sorted; READMEs are documentation, not questions. */
export async function listMarkdown(root: string): Promise<string[]> {
  await requireFolder(root);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
    (error: unknown) => {
      throw pathError(root, error);
    },
  );
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md") && e.name !== "README.md")
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function requireFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch((error: unknown) => {
    throw pathError(folder, error, "no such content folder");
  });
  if (!info.isDirectory())
    throw new ContentPathError(folder, `${folder} is a file, not a content folder`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}

async function readText(file: string): Promise<string> {
  return readFile(file, "utf8").catch((error: unknown) => {
    throw pathError(file, error, "no such file");
  });
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "a part of the path is not a folder",
};

function pathError(target: string, error: unknown, missing = "no such file or folder") {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return new ContentPathError(target, `${missing}: ${target}`);
  const reason = typeof code === "string" ? REASONS[code] : undefined;
  return new ContentPathError(
    target,
    `cannot read ${target}: ${reason ?? (error as Error).message ?? String(error)}`,
  );
}

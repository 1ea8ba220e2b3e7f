import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { Problem } from "./problem.ts";
import { problemAt } from "./problem.ts";
import {
  BACKENDS,
  type BankCatalog,
  ID_PATTERN,
  LEVELS,
  type Level,
  type Position,
  QUESTION_KINDS,
  type QuestionKind,
  VERSION_PATTERN,
} from "./schema.ts";

export interface FrontMatter {
  id: string;
  covers: string;
  level: Level;
  topics: string[];
  minutes: number;
  difficulty: 1 | 2 | 3;
  runsOn?: "cpython" | "pyodide";
  runsOnReason?: string;
  requiresPython?: string;
  kind: QuestionKind;
}

export interface FrontMatterResult {
  /** Undefined when a required field is missing or invalid; problems say which. */
  value: FrontMatter | undefined;
  problems: Problem[];
  /** Line (1-based) of the first body line, after the closing `---`. */
  bodyStartLine: number;
  body: string;
  /** Where each key was written, so later checks (e.g. runs-on-reason) can point at it. */
  keyLines: Map<string, Position>;
}

const KNOWN_KEYS = [
  "id",
  "covers",
  "level",
  "topics",
  "minutes",
  "difficulty",
  "runs-on",
  "runs-on-reason",
  "requires-python",
  "kind",
] as const;

/**
 * Splits `---` front matter from the Markdown body and checks every field, naming the line
 * of the key at fault. `expected` carries what the file's place in the tree implies.
 */
export function parseFrontMatter(
  file: string,
  text: string,
  catalog: BankCatalog,
  expected: { id?: string; level?: string },
): FrontMatterResult {
  const problems: Problem[] = [];
  const keyLines = new Map<string, Position>();
  const lines = text.split("\n");
  if (lines[0]?.trim() !== "---") {
    return {
      value: undefined,
      problems: [problemAt(file, undefined, "the file must start with front matter: a line '---'")],
      bodyStartLine: 1,
      body: text,
      keyLines,
    };
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.trim() === "---");
  if (closing < 0) {
    return {
      value: undefined,
      problems: [
        problemAt(file, undefined, "front matter is not closed: add a line '---' after it"),
      ],
      bodyStartLine: 1,
      body: text,
      keyLines,
    };
  }
  const yamlText = lines.slice(1, closing).join("\n");
  const body = lines.slice(closing + 1).join("\n");
  const bodyStartLine = closing + 2;
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const at = (offset: number | undefined): Position => {
    const pos = counter.linePos(offset ?? 0);
    return { line: pos.line + 1, column: pos.col };
  };
  for (const error of doc.errors) {
    problems.push(
      problemAt(
        file,
        at(error.pos[0]),
        `front matter is not valid YAML: ${error.message.split("\n")[0]}`,
      ),
    );
  }
  if (problems.length > 0) return { value: undefined, problems, bodyStartLine, body, keyLines };
  if (!isMap(doc.contents)) {
    problems.push(
      problemAt(
        file,
        { line: 2, column: 1 },
        "front matter must be a YAML mapping of `key: value` lines",
      ),
    );
    return { value: undefined, problems, bodyStartLine, body, keyLines };
  }
  const raw: Record<string, unknown> = {};
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const position = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    keyLines.set(key, position);
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      problems.push(
        problemAt(
          file,
          position,
          `unknown front matter field '${key}' (known: ${KNOWN_KEYS.join(", ")})`,
        ),
      );
      continue;
    }
    raw[key] = doc.toJS()[key];
  }
  const where = (key: string) => keyLines.get(key) ?? { line: 2, column: 1 };
  const fail = (key: string, message: string) =>
    problems.push(problemAt(file, where(key), message));
  const require = (key: string): unknown => {
    if (raw[key] === undefined || raw[key] === null) {
      problems.push(problemAt(file, { line: 1, column: 1 }, `front matter is missing '${key}'`));
      return undefined;
    }
    return raw[key];
  };

  const id = require("id");
  if (id !== undefined) {
    if (typeof id !== "string" || !ID_PATTERN.test(id)) {
      fail(
        "id",
        `id '${String(id)}' must be a slug of lowercase letters, digits and single hyphens`,
      );
    } else if (expected.id !== undefined && id !== expected.id) {
      fail("id", `id '${id}' must match the file name '${expected.id}.md'`);
    }
  }
  const level = require("level");
  if (level !== undefined) {
    if (!(LEVELS as readonly unknown[]).includes(level)) {
      fail("level", `level '${String(level)}' must be one of ${LEVELS.join(", ")}`);
    } else if (expected.level !== undefined && level !== expected.level) {
      fail("level", `level '${String(level)}' does not match the folder '${expected.level}/'`);
    }
  }
  const covers = require("covers");
  if (covers !== undefined) {
    const valid = typeof level === "string" && (LEVELS as readonly string[]).includes(level);
    const levelCoverage = valid ? catalog.coverage[level as Level] : undefined;
    if (covers === "extra") {
      // fine: a question the syllabus lacks
    } else if (typeof covers !== "string") {
      fail("covers", "covers must be a syllabus id such as F04, or 'extra'");
    } else if (levelCoverage && !(covers in levelCoverage)) {
      const otherLevel = LEVELS.find((l) => covers in catalog.coverage[l]);
      fail(
        "covers",
        otherLevel
          ? `covers '${covers}' is a ${otherLevel} id, but this question's level is ${String(level)}`
          : `covers '${covers}' is not a syllabus id in content/coverage.yaml (or use 'extra')`,
      );
    }
  }
  const topics = require("topics");
  if (topics !== undefined) {
    if (!Array.isArray(topics) || topics.length < 1 || topics.length > 3) {
      fail("topics", "topics must be a list of 1 to 3 topic ids, e.g. [data-structures, types]");
    } else {
      const known = new Set(catalog.topics.map((t) => t.id));
      for (const topic of topics) {
        if (!known.has(String(topic))) {
          fail("topics", `unknown topic '${String(topic)}' (see content/topics.yaml)`);
        }
      }
      if (new Set(topics).size !== topics.length) fail("topics", "topics lists a topic twice");
    }
  }
  const minutes = require("minutes");
  if (
    minutes !== undefined &&
    (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 20)
  ) {
    fail("minutes", "minutes must be a whole number from 1 to 20");
  }
  const difficulty = require("difficulty");
  if (difficulty !== undefined && ![1, 2, 3].includes(difficulty as number)) {
    fail("difficulty", "difficulty must be 1, 2 or 3");
  }
  const runsOn = raw["runs-on"];
  if (runsOn !== undefined && !(BACKENDS as readonly unknown[]).includes(runsOn)) {
    fail("runs-on", `runs-on must be one of ${BACKENDS.join(", ")}`);
  }
  const reason = raw["runs-on-reason"];
  if (reason !== undefined && (typeof reason !== "string" || reason.trim() === "")) {
    fail(
      "runs-on-reason",
      "runs-on-reason must be a sentence saying why the code cannot run everywhere",
    );
  }
  const requiresPython = raw["requires-python"];
  if (requiresPython !== undefined && !VERSION_PATTERN.test(String(requiresPython))) {
    fail("requires-python", 'requires-python must be a version in quotes, such as "3.12"');
  }
  const kind = raw.kind ?? "question";
  if (!(QUESTION_KINDS as readonly unknown[]).includes(kind)) {
    fail("kind", `kind '${String(kind)}' must be one of ${QUESTION_KINDS.join(", ")}`);
  }

  if (problems.length > 0) return { value: undefined, problems, bodyStartLine, body, keyLines };
  return {
    value: {
      id: id as string,
      covers: covers as string,
      level: level as Level,
      topics: (topics as unknown[]).map(String),
      minutes: minutes as number,
      difficulty: difficulty as 1 | 2 | 3,
      runsOn: runsOn as FrontMatter["runsOn"],
      runsOnReason: reason as string | undefined,
      requiresPython: requiresPython === undefined ? undefined : String(requiresPython),
      kind: kind as QuestionKind,
    },
    problems,
    bodyStartLine,
    body,
    keyLines,
  };
}

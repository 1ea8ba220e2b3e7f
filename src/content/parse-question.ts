import type { Code, Heading, List, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString as mdToString } from "mdast-util-to-string";
import { parseFenceOptions } from "./fence-options.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { type Problem, problemAt } from "./problem.ts";
import type {
  BankCatalog,
  CodeBlock,
  Exercise,
  KeyPoint,
  Position,
  Question,
  Runnable,
  RunOptions,
} from "./schema.ts";
import { SECTION_ORDER, type Section, type SectionKind, splitBody } from "./sections.ts";

export interface ParseResult {
  /** Present only when the file has no problems at all. */
  question: Question | undefined;
  problems: Problem[];
}

const TERMS_COMMENT = /<!--\s*terms:\s*([\s\S]*?)-->/i;

/**
 * Parses one question file. `file` is the path shown in problems (relative to the bank root,
 * e.g. `fresher/list-vs-tuple.md`); the id and level it implies are checked against the
 * front matter. Every problem found is returned, not only the first.
 */
export function parseQuestion(file: string, text: string, catalog: BankCatalog): ParseResult {
  const normalized = text.replace(/\r\n?/g, "\n");
  const pathParts = file.split("/");
  const expected = {
    id: pathParts.at(-1)?.replace(/\.md$/, ""),
    level: pathParts.length >= 2 ? pathParts.at(-2) : undefined,
  };
  const front = parseFrontMatter(file, normalized, catalog, expected);
  const problems = [...front.problems];
  const lineOffset = front.bodyStartLine - 1;
  const bodyLines = front.body.split("\n");
  const pos = (
    node: { position?: { start: { line: number; column: number } } } | undefined,
  ): Position => ({
    line: (node?.position?.start.line ?? 1) + lineOffset,
    column: node?.position?.start.column ?? 1,
  });
  const report = (node: Parameters<typeof pos>[0], message: string) =>
    problems.push(problemAt(file, pos(node), message));
  /** The author's own Markdown for a run of nodes, so prose keeps its formatting. */
  const source = (nodes: RootContent[]): string => {
    const first = nodes[0]?.position;
    const last = nodes.at(-1)?.position;
    if (!first || !last) return "";
    return sliceLines(bodyLines, first.start, last.end).trim();
  };

  const tree = fromMarkdown(front.body);
  const body = splitBody(tree);
  for (const node of body.beforeH1) {
    if (node.type !== "html")
      report(node, "content before the question heading: start the body with '# <the question>'");
  }
  if (!body.h1)
    problems.push(
      problemAt(
        file,
        { line: front.bodyStartLine, column: 1 },
        "missing the question: a '# ' heading after the front matter",
      ),
    );
  for (const heading of body.extraH1)
    report(heading, "only one '# ' heading is allowed (the question); use '## ' for sections");
  for (const heading of body.unknown) {
    report(
      heading,
      `unknown section '## ${mdToString(heading)}' (known: Answer, Key points, Example, Drill, Exercise: <title>, Follow-ups, Common mistakes)`,
    );
  }
  checkOrder(body.sections, report);

  const single = (kind: SectionKind, label: string): Section | undefined => {
    const found = body.sections.filter((s) => s.kind === kind);
    if (found.length === 0) {
      problems.push(
        problemAt(file, { line: front.bodyStartLine, column: 1 }, `missing section '## ${label}'`),
      );
    }
    for (const extra of found.slice(1))
      report(extra.heading, `section '## ${label}' appears more than once`);
    return found[0];
  };

  const answerSection = single("answer", "Answer");
  const keySection = single("key-points", "Key points");
  const followSection = single("follow-ups", "Follow-ups");
  const mistakesSection = single("mistakes", "Common mistakes");

  const answer = answerSection ? source(answerSection.nodes) : "";
  if (answerSection && answer === "") report(answerSection.heading, "the Answer section is empty");

  const keyPoints: KeyPoint[] = [];
  if (keySection) {
    const list = onlyList(keySection, "Key points", report);
    for (const item of list?.children ?? []) {
      const itemSource = source(item.children as RootContent[]);
      const terms = TERMS_COMMENT.exec(itemSource);
      const textOnly = itemSource.replace(TERMS_COMMENT, "").trim();
      const termList = (terms?.[1] ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean);
      if (termList.length === 0) {
        report(item, "key point has no terms: end it with <!-- terms: word, another phrase -->");
      }
      if (textOnly === "") report(item, "key point has terms but no text");
      keyPoints.push({ text: textOnly, terms: termList, position: pos(item) });
    }
    if (list && (keyPoints.length < 3 || keyPoints.length > 6)) {
      report(keySection.heading, `Key points must list 3 to 6 points; found ${keyPoints.length}`);
    }
  }

  const bullets = (
    section: Section | undefined,
    label: string,
    min: number,
    max: number,
  ): string[] => {
    if (!section) return [];
    const list = onlyList(section, label, report);
    const items = (list?.children ?? []).map((item) => source(item.children as RootContent[]));
    if (list && (items.length < min || items.length > max)) {
      report(
        section.heading,
        `${label} must list ${max === Infinity ? `at least ${min}` : `${min} to ${max}`} items; found ${items.length}`,
      );
    }
    return items;
  };
  const followUps = bullets(followSection, "Follow-ups", 1, 3);
  const mistakes = bullets(mistakesSection, "Common mistakes", 1, Infinity);

  const codeBlock = (node: Code): CodeBlock => {
    const { options, errors } = parseFenceOptions(node.meta);
    for (const error of errors) report(node, error);
    return { code: `${node.value}\n`, position: pos(node), options };
  };

  const runnables = (kind: "example" | "drill"): Runnable[] =>
    body.sections
      .filter((s) => s.kind === kind)
      .map((section, index) => {
        const label = kind === "example" ? "Example" : "Drill";
        const codes = section.nodes.filter((n): n is Code => n.type === "code");
        const python = codes.filter((c) => c.lang === "python");
        const stdin = codes.filter((c) => c.lang === "stdin");
        const output = codes.filter((c) => c.lang === "output");
        for (const other of codes.filter(
          (c) => !["python", "stdin", "output"].includes(c.lang ?? ""),
        )) {
          report(
            other,
            `${label} sections hold only 'python', 'stdin' and 'output' code blocks, not '${other.lang ?? "(no language)"}'`,
          );
        }
        if (python.length !== 1) {
          report(
            section.heading,
            python.length === 0
              ? `${label} has no \`\`\`python block`
              : `${label} has ${python.length} python blocks; split it into one section per program`,
          );
        }
        if (stdin.length > 1) report(stdin[1], `${label} has more than one stdin block`);
        if (output.length !== 1) {
          report(
            python[0] ?? section.heading,
            output.length === 0
              ? `${label} has no \`\`\`output block after its python block`
              : `${label} has ${output.length} output blocks; it needs exactly one`,
          );
        }
        const py = python[0];
        const out = output[0];
        if (py && out && (out.position?.start.offset ?? 0) < (py.position?.start.offset ?? 0)) {
          report(out, "the output block must come after the python block");
        }
        const lastCode = codes.at(-1);
        const cut = lastCode ? section.nodes.indexOf(lastCode) : -1;
        const firstCode = codes[0] ? section.nodes.indexOf(codes[0]) : section.nodes.length;
        return {
          key: `${kind}-${index + 1}`,
          title: section.title,
          intro: source(section.nodes.slice(0, firstCode)),
          source: py ? codeBlock(py) : { code: "", position: pos(section.heading), options: {} },
          stdin: stdin[0] ? `${stdin[0].value}\n` : undefined,
          expectedOutput: out?.value ?? "",
          outputPosition: pos(out ?? section.heading),
          explanation: cut >= 0 ? source(section.nodes.slice(cut + 1)) : "",
        };
      });
  const examples = runnables("example");
  const drills = runnables("drill");
  if (examples.length === 0 && body.h1) {
    problems.push(
      problemAt(file, pos(body.h1), "a question needs at least one '## Example' section"),
    );
  }

  const exercises: Exercise[] = body.sections
    .filter((s) => s.kind === "exercise")
    .map((section, index) => parseExercise(section, index, { report, source, codeBlock, pos }));

  // Options that force CPython need a reason the browser can show.
  const cpythonOnly =
    front.value?.runsOn === "cpython" ||
    [...examples, ...drills].some((r) => r.source.options.runsOn === "cpython") ||
    exercises.some((e) => e.options.runsOn === "cpython");
  if (front.value && cpythonOnly && !front.value.runsOnReason) {
    problems.push(
      problemAt(
        file,
        front.keyLines.get("runs-on") ?? { line: 1, column: 1 },
        "code is marked runs-on=cpython but the front matter has no 'runs-on-reason' saying why",
      ),
    );
  }

  if (problems.length > 0 || !front.value || !body.h1) return { question: undefined, problems };
  const fm = front.value;
  return {
    question: {
      id: fm.id,
      covers: fm.covers,
      level: fm.level,
      topics: fm.topics,
      minutes: fm.minutes,
      difficulty: fm.difficulty,
      runsOn: fm.runsOn,
      runsOnReason: fm.runsOnReason,
      requiresPython: fm.requiresPython,
      question: mdToString(body.h1).trim(),
      context: source(body.context),
      answer,
      keyPoints,
      examples,
      drills,
      exercises,
      followUps,
      mistakes,
      file,
    },
    problems,
  };
}

type Reporter = (
  node: { position?: { start: { line: number; column: number } } } | undefined,
  message: string,
) => void;

function checkOrder(sections: Section[], report: Reporter): void {
  let highest = -1;
  let highestKind: SectionKind | undefined;
  for (const section of sections) {
    const rank = SECTION_ORDER.indexOf(section.kind);
    if (rank < highest && highestKind) {
      report(
        section.heading,
        `section '${mdToString(section.heading)}' is out of order: it must come before the ${highestKind} section(s) (order: ${SECTION_ORDER.join(", ")})`,
      );
    }
    if (rank > highest) {
      highest = rank;
      highestKind = section.kind;
    }
  }
}

function onlyList(section: Section, label: string, report: Reporter): List | undefined {
  const lists = section.nodes.filter((n): n is List => n.type === "list");
  const others = section.nodes.filter((n) => n.type !== "list" && n.type !== "html");
  if (lists.length !== 1) {
    report(section.heading, `${label} must be one bullet list ('- ...' lines)`);
  }
  for (const node of others)
    report(node, `${label} holds only a bullet list; move this text into a list item`);
  return lists[0];
}

function parseExercise(
  section: Section,
  index: number,
  tools: {
    report: Reporter;
    source: (nodes: RootContent[]) => string;
    codeBlock: (node: Code) => CodeBlock;
    pos: (node: Section["heading"]) => Position;
  },
): Exercise {
  const { report, source, codeBlock, pos } = tools;
  if (section.title === "")
    report(section.heading, "an exercise needs a title: '## Exercise: <title>'");
  const parts = new Map<string, { heading: Heading; nodes: RootContent[] }>();
  const prompt: RootContent[] = [];
  let current: RootContent[] = prompt;
  for (const node of section.nodes) {
    if (node.type === "heading" && node.depth === 3) {
      const name = mdToString(node).trim().toLowerCase();
      if (!["starter", "solution", "tests"].includes(name)) {
        report(
          node,
          `unknown exercise part '### ${mdToString(node)}' (known: Starter, Solution, Tests)`,
        );
        current = [];
        continue;
      }
      if (parts.has(name)) report(node, `exercise part '### ${mdToString(node)}' appears twice`);
      const part = { heading: node, nodes: [] as RootContent[] };
      parts.set(name, part);
      current = part.nodes;
      continue;
    }
    if (node.type === "heading") {
      report(node, "inside an exercise use '### Starter', '### Solution' and '### Tests' only");
      continue;
    }
    current.push(node);
  }
  for (const node of prompt) {
    if (node.type === "code" && node.lang === "python") {
      report(
        node,
        "python code before '### Starter' is not run; put it in the prompt as another language or move it under a part",
      );
    }
  }
  const block = (name: string): CodeBlock => {
    const part = parts.get(name);
    const label = name[0]?.toUpperCase() + name.slice(1);
    if (!part) {
      report(section.heading, `exercise is missing '### ${label}'`);
      return { code: "", position: pos(section.heading), options: {} };
    }
    const codes = part.nodes.filter((n): n is Code => n.type === "code");
    if (codes.length !== 1 || codes[0]?.lang !== "python") {
      report(part.heading, `'### ${label}' must hold exactly one \`\`\`python block`);
    }
    const code = codes[0];
    return code ? codeBlock(code) : { code: "", position: pos(part.heading), options: {} };
  };
  const starter = block("starter");
  const solution = block("solution");
  const tests = block("tests");
  const options: RunOptions = {};
  for (const b of [starter, solution, tests]) {
    options.runsOn ??= b.options.runsOn;
    options.requiresPython ??= b.options.requiresPython;
    options.timeoutSeconds ??= b.options.timeoutSeconds;
  }
  if (source(prompt) === "")
    report(section.heading, "the exercise has no prompt: say what to write before '### Starter'");
  return {
    key: `exercise-${index + 1}`,
    title: section.title,
    prompt: source(prompt),
    starter,
    solution,
    tests,
    options,
    position: pos(section.heading),
  };
}

/** Text between two mdast points (1-based line, column) of the body. */
function sliceLines(
  lines: string[],
  start: { line: number; column: number },
  end: { line: number; column: number },
): string {
  if (start.line === end.line)
    return (lines[start.line - 1] ?? "").slice(start.column - 1, end.column - 1);
  const out = [(lines[start.line - 1] ?? "").slice(start.column - 1)];
  for (let line = start.line + 1; line < end.line; line++) out.push(lines[line - 1] ?? "");
  out.push((lines[end.line - 1] ?? "").slice(0, end.column - 1));
  return out.join("\n");
}

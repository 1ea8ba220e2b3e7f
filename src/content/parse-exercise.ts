import type { Code, Heading, RootContent } from "mdast";
import { toString as mdToString } from "mdast-util-to-string";
import type { ParseContext } from "./parse-context.ts";
import type { CodeBlock, Exercise, RunOptions, WrongSolution } from "./schema.ts";
import type { Section } from "./sections.ts";

const PARTS = ["starter", "solution", "tests"] as const;
type PartName = (typeof PARTS)[number];
const WRONG_HEADING = /^wrong\b\s*(?::\s*(.*))?$/i;

interface Part {
  heading: Heading;
  nodes: RootContent[];
}

interface Parts {
  /** Everything before the first `###`: any Markdown, code included (shown, never run). */
  prompt: RootContent[];
  named: Map<PartName, Part>;
  wrong: Array<Part & { title: string }>;
}

/**
 * `## Exercise: title`: a prompt, then `### Starter`, `### Solution` and `### Tests`, then
 * any number of `### Wrong: <what is wrong>` solutions the tests must catch.
 */
export function parseExercise(ctx: ParseContext, section: Section, index: number): Exercise {
  if (section.title === "")
    ctx.report(section.heading, "an exercise needs a title: '## Exercise: <title>'");
  const parts = splitParts(ctx, section);
  const code = (name: PartName) => partCode(ctx, section, name, parts.named.get(name));
  const [starterCode, solutionCode, testsCode] = [code("starter"), code("solution"), code("tests")];
  const block = (node: Code | undefined, name: PartName): CodeBlock =>
    ctx.codeBlock(node, parts.named.get(name)?.heading ?? section.heading, name);
  const starter = block(starterCode, "starter");
  const solution = block(solutionCode, "solution");
  const tests = block(testsCode, "tests");
  const wrong = parts.wrong.map((part) => parseWrong(ctx, part));
  const prompt = ctx.source(parts.prompt);
  if (prompt === "")
    ctx.report(
      section.heading,
      "the exercise has no prompt: say what to write before '### Starter'",
    );
  const module = solutionCode ? ctx.fence(solutionCode, "solution").module : undefined;
  const starterPasses = starterCode ? ctx.fence(starterCode, "starter").starterPasses : undefined;
  return {
    key: `exercise-${index + 1}`,
    title: section.title,
    prompt,
    starter,
    solution,
    tests,
    options: mergeOptions([starter, solution, tests, ...wrong.map((w) => w.code)]),
    position: ctx.pos(section.heading),
    ...(module ? { module } : {}),
    ...(starterPasses ? { starterPasses } : {}),
    wrong,
  };
}

/** Run options on any block of an exercise hold for the whole exercise. */
function mergeOptions(blocks: readonly CodeBlock[]): RunOptions {
  const options: RunOptions = {};
  for (const b of blocks) {
    options.runsOn ??= b.options.runsOn;
    options.requiresPython ??= b.options.requiresPython;
    options.timeoutSeconds ??= b.options.timeoutSeconds;
  }
  return options;
}

function splitParts(ctx: ParseContext, section: Section): Parts {
  const parts: Parts = { prompt: [], named: new Map(), wrong: [] };
  let current: RootContent[] = parts.prompt;
  for (const node of section.nodes) {
    // Deeper headings are the prompt's (or a part's) own Markdown.
    if (node.type !== "heading" || node.depth !== 3) {
      current.push(node);
      continue;
    }
    const text = mdToString(node).trim();
    const name = text.toLowerCase();
    const wrong = WRONG_HEADING.exec(text);
    if (wrong) {
      const title = (wrong[1] ?? "").trim();
      if (title === "")
        ctx.report(
          node,
          "a wrong solution needs to say what is wrong: '### Wrong: <what is wrong>'",
        );
      else if (parts.wrong.some((w) => w.title.toLowerCase() === title.toLowerCase()))
        ctx.report(node, `wrong solution '### ${text}' appears twice`);
      if (!parts.named.has("tests")) ctx.report(node, `'### ${text}' must come after '### Tests'`);
      const part = { heading: node, nodes: [] as RootContent[], title };
      parts.wrong.push(part);
      current = part.nodes;
    } else if ((PARTS as readonly string[]).includes(name)) {
      if (parts.named.has(name as PartName))
        ctx.report(node, `exercise part '### ${text}' appears twice`);
      if (parts.wrong.length > 0)
        ctx.report(node, `'### ${text}' must come before the '### Wrong: ...' solutions`);
      const part: Part = { heading: node, nodes: [] };
      parts.named.set(name as PartName, part);
      current = part.nodes;
    } else {
      ctx.report(
        node,
        `unknown exercise part '### ${text}' (known: Starter, Solution, Tests, Wrong: <what is wrong>; use '####' for the prompt's own headings)`,
      );
      current = [];
    }
  }
  return parts;
}

/** A part's one python block, or undefined (reported) when it is missing or not alone. */
function partCode(
  ctx: ParseContext,
  section: Section,
  name: PartName,
  part: Part | undefined,
): Code | undefined {
  const label = name[0]?.toUpperCase() + name.slice(1);
  if (!part) {
    ctx.report(section.heading, `exercise is missing '### ${label}'`);
    return undefined;
  }
  const codes = part.nodes.filter((n): n is Code => n.type === "code");
  if (codes.length !== 1 || codes[0]?.lang !== "python") {
    ctx.report(part.heading, `'### ${label}' must hold exactly one \`\`\`python block`);
  }
  return codes[0];
}

/** `### Wrong: <what>`: optional prose, one python block. */
function parseWrong(ctx: ParseContext, part: Part & { title: string }): WrongSolution {
  const python = part.nodes.filter((n): n is Code => n.type === "code" && n.lang === "python");
  if (python.length !== 1) {
    ctx.report(
      part.heading,
      `'### ${mdToString(part.heading)}' must hold exactly one \`\`\`python block (prose around it is optional)`,
    );
  }
  const code = python[0];
  const at = code ? part.nodes.indexOf(code) : part.nodes.length;
  const explanation = [
    ctx.source(part.nodes.slice(0, at)),
    ctx.source(part.nodes.slice(at + 1)),
  ].filter(Boolean);
  return {
    title: part.title,
    explanation: explanation.join("\n\n"),
    code: ctx.codeBlock(code, part.heading, "wrong"),
    position: ctx.pos(part.heading),
  };
}

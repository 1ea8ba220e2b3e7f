import type { Code, Heading, RootContent } from "mdast";
import { toString as mdToString } from "mdast-util-to-string";
import type { ParseContext } from "./parse-context.ts";
import type { CodeBlock, Exercise, RunOptions } from "./schema.ts";
import type { Section } from "./sections.ts";

const PARTS = ["starter", "solution", "tests"] as const;
type PartName = (typeof PARTS)[number];

interface Part {
  heading: Heading;
  nodes: RootContent[];
}

/** `## Exercise: title`: a prompt, then `### Starter`, `### Solution` and `### Tests`. */
export function parseExercise(ctx: ParseContext, section: Section, index: number): Exercise {
  if (section.title === "")
    ctx.report(section.heading, "an exercise needs a title: '## Exercise: <title>'");
  const { prompt, parts } = splitParts(ctx, section);
  for (const node of prompt) {
    if (node.type === "code" && node.lang === "python") {
      ctx.report(
        node,
        "python code before '### Starter' is not run; put it in the prompt as another language or move it under a part",
      );
    }
  }
  const block = (name: PartName): CodeBlock => partBlock(ctx, section, name, parts.get(name));
  const starter = block("starter");
  const solution = block("solution");
  const tests = block("tests");
  const options: RunOptions = {};
  for (const b of [starter, solution, tests]) {
    options.runsOn ??= b.options.runsOn;
    options.requiresPython ??= b.options.requiresPython;
    options.timeoutSeconds ??= b.options.timeoutSeconds;
  }
  if (ctx.source(prompt) === "")
    ctx.report(
      section.heading,
      "the exercise has no prompt: say what to write before '### Starter'",
    );
  return {
    key: `exercise-${index + 1}`,
    title: section.title,
    prompt: ctx.source(prompt),
    starter,
    solution,
    tests,
    options,
    position: ctx.pos(section.heading),
  };
}

/** The prompt (nodes before the first `###`) and each named part's nodes. */
function splitParts(
  ctx: ParseContext,
  section: Section,
): { prompt: RootContent[]; parts: Map<string, Part> } {
  const parts = new Map<string, Part>();
  const prompt: RootContent[] = [];
  let current: RootContent[] = prompt;
  for (const node of section.nodes) {
    if (node.type === "heading" && node.depth === 3) {
      const name = mdToString(node).trim().toLowerCase();
      if (!(PARTS as readonly string[]).includes(name)) {
        ctx.report(
          node,
          `unknown exercise part '### ${mdToString(node)}' (known: Starter, Solution, Tests)`,
        );
        current = [];
        continue;
      }
      if (parts.has(name))
        ctx.report(node, `exercise part '### ${mdToString(node)}' appears twice`);
      const part: Part = { heading: node, nodes: [] };
      parts.set(name, part);
      current = part.nodes;
      continue;
    }
    if (node.type === "heading") {
      ctx.report(node, "inside an exercise use '### Starter', '### Solution' and '### Tests' only");
      continue;
    }
    current.push(node);
  }
  return { prompt, parts };
}

function partBlock(
  ctx: ParseContext,
  section: Section,
  name: PartName,
  part: Part | undefined,
): CodeBlock {
  const label = name[0]?.toUpperCase() + name.slice(1);
  if (!part) {
    ctx.report(section.heading, `exercise is missing '### ${label}'`);
    return ctx.codeBlock(undefined, section.heading);
  }
  const codes = part.nodes.filter((n): n is Code => n.type === "code");
  if (codes.length !== 1 || codes[0]?.lang !== "python") {
    ctx.report(part.heading, `'### ${label}' must hold exactly one \`\`\`python block`);
  }
  return ctx.codeBlock(codes[0], part.heading);
}

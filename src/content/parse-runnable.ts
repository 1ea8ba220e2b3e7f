import type { Code } from "mdast";
import { readOutputBlock } from "./output-block.ts";
import type { ParseContext } from "./parse-context.ts";
import type { Runnable } from "./schema.ts";
import type { Section } from "./sections.ts";

const LABELS = { example: "Example", drill: "Drill" } as const;

/** `## Example` / `## Drill`: prose, one python block, an optional stdin block, one output block. */
export function parseRunnable(
  ctx: ParseContext,
  section: Section,
  kind: "example" | "drill",
  index: number,
): Runnable {
  const label = LABELS[kind];
  const codes = section.nodes.filter((n): n is Code => n.type === "code");
  const python = codes.filter((c) => c.lang === "python");
  const stdin = codes.filter((c) => c.lang === "stdin");
  const output = codes.filter((c) => c.lang === "output");
  for (const other of codes.filter((c) => !["python", "stdin", "output"].includes(c.lang ?? ""))) {
    ctx.report(
      other,
      `${label} sections hold only 'python', 'stdin' and 'output' code blocks, not '${other.lang ?? "(no language)"}'`,
    );
  }
  if (python.length !== 1) {
    ctx.report(
      section.heading,
      python.length === 0
        ? `${label} has no \`\`\`python block`
        : `${label} has ${python.length} python blocks; split it into one section per program`,
    );
  }
  if (stdin.length > 1) ctx.report(stdin[1], `${label} has more than one stdin block`);
  if (output.length !== 1) {
    ctx.report(
      python[0] ?? section.heading,
      output.length === 0
        ? `${label} has no \`\`\`output block after its python block`
        : `${label} has ${output.length} output blocks; it needs exactly one`,
    );
  }
  const py = python[0];
  const out = output[0];
  if (py && out && (out.position?.start.offset ?? 0) < (py.position?.start.offset ?? 0)) {
    ctx.report(out, "the output block must come after the python block");
  }
  const lastCode = codes.at(-1);
  const cut = lastCode ? section.nodes.indexOf(lastCode) : -1;
  const firstCode = codes[0] ? section.nodes.indexOf(codes[0]) : section.nodes.length;
  return {
    key: `${kind}-${index + 1}`,
    title: section.title,
    intro: ctx.source(section.nodes.slice(0, firstCode)),
    source: ctx.codeBlock(py, section.heading),
    stdin: stdin[0] ? `${stdin[0].value}\n` : undefined,
    expectedOutput: out?.value ?? "",
    expected: out ? readOutputBlock(ctx, out) : { output: "", exitCode: 0 },
    outputPosition: ctx.pos(out ?? section.heading),
    explanation: cut >= 0 ? ctx.source(section.nodes.slice(cut + 1)) : "",
  };
}

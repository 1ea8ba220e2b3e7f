import type { Question, Runnable } from "../../api/types.ts";

/**
 * Questions whose drills are about references (aliasing, mutable defaults, copies,
 * closures): seeing the arrows is the lesson, so their drills offer "Show me what happens"
 * after the answer. By id, in code, so the bank's files need no attribute for it; any
 * other drill opts in with `visualize=open` on its python block.
 */
export const SHOW_ME_QUESTIONS: ReadonlySet<string> = new Set([
  "mutable-default-arguments",
  "mutable-vs-immutable-types",
  "shallow-vs-deep-copy",
  "closures-late-binding-loops",
  "is-vs-equals",
]);

export function showsMe(
  question: Pick<Question, "id">,
  drill: Pick<Runnable, "visualize">,
): boolean {
  return drill.visualize === "open" || SHOW_ME_QUESTIONS.has(question.id);
}

import type { PlanItem } from "../../../src/study/mock/types.ts";
import type { PtyRun } from "./pty.ts";

/**
 * Answers one mock item correctly, whatever its kind, by what the prompt asks, for the
 * good fixture's question (test/fixtures/catalog.ts) and its copies. An exercise needs the
 * run's fake editor to write the right solution.
 */
export async function answerItem(run: PtyRun, item: PlanItem): Promise<void> {
  await run.waitFor(/left {2}/);
  if (item.kind === "concept") {
    await run.waitFor("Your answer");
    run.write("Lists are mutable, tuples immutable and hashable, a fixed record");
    await run.waitFor("fixed record");
    run.write("\r\r");
    await run.waitFor("How well did you answer it?");
    run.write("4");
  } else if (item.kind === "drill") {
    await run.waitFor("The output");
    run.write("([1, 2, 9], 3)");
    await run.waitFor("9], 3)");
    run.write("\t");
    // Tab moves to the submit button; an Enter in the same chunk would land in the text.
    await new Promise((resolve) => setTimeout(resolve, 200));
    run.write("\r");
  } else {
    await run.waitFor("Write it in");
    run.write("e");
    await run.waitFor("2/2 tests passed");
    await run.waitFor("Hand it in");
    run.write("s");
  }
  await run.waitFor("Answer saved.");
}

import { afterAll, describe, expect, it } from "vitest";
import { PyodideRunner } from "../../src/python/pyodide/node-runner.ts";

/**
 * Stop (the web app's Stop button and Esc) pressed at any moment of a run ends it as
 * "stopped": also when the interrupt lands before the program's first line, while the
 * harness is still setting the run up, which a loaded machine makes likely.
 */
describe("Pyodide: Stop at any moment", () => {
  const runner = new PyodideRunner({ size: 1 });
  afterAll(() => runner.close());

  it("ends as stopped however soon after the start it comes, and the next run works", async () => {
    await runner.warm();
    // Stop after 0, 1, 2, ... turns of the event loop: the early ones land before the
    // worker has begun, the later ones in the harness's set-up or in the loop itself.
    for (let turns = 0; turns < 8; turns++) {
      const run = runner.run({ code: "while True:\n    pass\n", timeLimitS: 30 });
      for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
      runner.stopAll();
      const result = await run;
      expect(result.limit, `stopped after ${turns} turns: ${JSON.stringify(result)}`).toBe(
        "stopped",
      );
      const next = await runner.run({ code: "print(6 * 7)" });
      expect(next.stdout, `the run after a stop at ${turns} turns`).toBe("42\n");
    }
  }, 240_000);
});

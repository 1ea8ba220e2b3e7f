import { afterAll, describe, expect, it } from "vitest";
import { describeLimit } from "../../src/python/output.ts";
import { truncatedMarker } from "../../src/python/output-limit.ts";
import {
  MAX_OUTPUT_LIMIT_BYTES,
  OUTPUT_LIMIT_BYTES,
  OUTPUT_TRUNCATED_MARKER,
  type Runner,
} from "../../src/python/types.ts";
import { ALL_TARGETS, TARGETS } from "./targets.ts";

const MB = 1024 * 1024;
/** About 1.5 MB of JSON on stdout, as a tracer prints its trace. */
const TRACE =
  "import json\nprint(json.dumps([{'line': i, 'locals': {'x': i}} for i in range(50_000)]))";

describe("the output cap's words", () => {
  it("names the default cap as the fixed marker does, and any other cap in KB or MB", () => {
    expect(truncatedMarker(OUTPUT_LIMIT_BYTES)).toBe(OUTPUT_TRUNCATED_MARKER);
    expect(truncatedMarker(2 * MB)).toBe(
      "\n[output stopped: over the 2 MB (2,097,152 bytes) limit]\n",
    );
  });
});

for (const target of ALL_TARGETS) {
  describe(`a per-run output cap on ${target}`, () => {
    const runner: Runner = TARGETS[target]();
    afterAll(() => runner.close());

    it("lets a run that asks for 2 MB print a 1.5 MB trace whole; the default still stops it", async () => {
      const big = await runner.run({ code: TRACE, outputLimitBytes: 2 * MB });
      expect(big.limit).toBeNull();
      expect(big.exception).toBeNull();
      expect(Buffer.byteLength(big.stdout)).toBeGreaterThan(1.4 * MB);
      expect(JSON.parse(big.stdout)).toHaveLength(50_000);
      const capped = await runner.run({ code: TRACE });
      expect(capped.limit).toBe("output");
      expect(capped.stdout.endsWith(OUTPUT_TRUNCATED_MARKER)).toBe(true);
    });

    it("holds a larger ask to the maximum, and says which cap stopped the run", async () => {
      const result = await runner.run({
        code: `import sys\nsys.stdout.write('x' * ${MAX_OUTPUT_LIMIT_BYTES + 1})`,
        outputLimitBytes: 1024 * MB,
      });
      expect(result.limit).toBe("output");
      const marker = truncatedMarker(MAX_OUTPUT_LIMIT_BYTES);
      expect(result.stdout.endsWith(marker)).toBe(true);
      expect(Buffer.byteLength(result.stdout)).toBeLessThanOrEqual(
        MAX_OUTPUT_LIMIT_BYTES + Buffer.byteLength(marker),
      );
      expect(describeLimit(result, 5, MAX_OUTPUT_LIMIT_BYTES)).toContain("8 MB");
      const next = await runner.run({ code: "print('next run works')" });
      expect(next.stdout).toBe("next run works\n");
    });
  });
}

import { describe, expect, it } from "vitest";
import { matchKeyPoints } from "./key-points.ts";

const points = [
  {
    text: "Lists are mutable; tuples are not.",
    terms: ["mutable", "immutable", "cannot be changed"],
  },
  { text: "Hashable tuples work as dict keys.", terms: ["hashable", "dict key"] },
  { text: "Copy-on-write is not how CPython works.", terms: ["copy-on-write"] },
  { text: "Lookup is O(1) on average.", terms: ["O(1)", "constant time"] },
];

describe("matchKeyPoints", () => {
  it("marks the key points an answer touches, whatever the case, and lists the terms found", () => {
    const result = matchKeyPoints("A tuple is IMMUTABLE, so it is Hashable.", points);
    expect(result.items.map((item) => item.matched)).toEqual([true, true, false, false]);
    expect(result.items[0]?.matchedTerms).toEqual(["immutable"]);
    expect(result.items[0]?.text).toBe(points[0]?.text);
    expect(result).toMatchObject({ touched: 2, total: 4 });
  });

  it("matches whole words only", () => {
    // "mutable" must not be found inside "immutable", nor "hashable" inside "unhashableness".
    const result = matchKeyPoints("immutable and unhashableness", [
      { text: "m", terms: ["mutable"] },
      { text: "h", terms: ["hashable"] },
      { text: "i", terms: ["immutable"] },
    ]);
    expect(result.items.map((item) => item.matched)).toEqual([false, false, true]);
  });

  it("matches phrases across line breaks, extra spaces and hyphens, and allows plurals", () => {
    const answer = "Values that cannot\n   be  changed. Tuples make good dict keys. Copy on write!";
    const result = matchKeyPoints(answer, points);
    expect(result.items[0]?.matchedTerms).toEqual(["cannot be changed"]);
    expect(result.items[1]?.matchedTerms).toEqual(["dict key"]);
    expect(result.items[2]?.matched).toBe(true);
  });

  it("matches terms made of symbols next to punctuation", () => {
    expect(matchKeyPoints("Membership is O(1).", points).items[3]?.matched).toBe(true);
    expect(matchKeyPoints("It is O(n).", points).items[3]?.matched).toBe(false);
    const eq = [{ text: "identity vs equality", terms: ["==", "is"] }];
    expect(matchKeyPoints("a==b", eq).items[0]?.matchedTerms).toEqual(["=="]);
    expect(matchKeyPoints("this", eq).items[0]?.matched).toBe(false);
  });

  it("touches nothing for an empty answer", () => {
    expect(matchKeyPoints("   ", points)).toMatchObject({ touched: 0, total: 4 });
  });
});

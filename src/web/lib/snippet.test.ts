import { describe, expect, it } from "vitest";
import { cleanSnippet } from "./snippet.ts";

describe("cleanSnippet", () => {
  it.each([
    ["inline code spaces", "the path ( sys.path ) is searched", "the path (sys.path) is searched"],
    [
      "a list marker",
      "costs: - I/O bound work - <mark>CPU</mark>",
      "costs: I/O bound work <mark>CPU</mark>",
    ],
    [
      "space before punctuation",
      "use <mark>tuple</mark> , not list .",
      "use <mark>tuple</mark>, not list.",
    ],
    ["a leading marker", "- <mark>Lists</mark> are mutable", "<mark>Lists</mark> are mutable"],
  ])("%s", (_name, input, output) => {
    expect(cleanSnippet(input)).toBe(output);
  });

  it("keeps subtraction and the ellipsis of a cut snippet", () => {
    expect(cleanSnippet("…so a - b is 3")).toBe("…so a - b is 3");
    expect(cleanSnippet("x-y <mark>z</mark>…")).toBe("x-y <mark>z</mark>…");
  });
});

import { describe, expect, it } from "vitest";
import { buildBank } from "../../src/content/load.ts";
import { parseQuestion } from "../../src/content/parse-question.ts";
import { formatProblem } from "../../src/content/problem.ts";
import { catalog, goodQuestion } from "../fixtures/catalog.ts";

const FILE = "fresher/list-vs-tuple.md";
const SOLUTION_FENCE = "```python\ndef freeze(value):\n    if isinstance";
const STARTER_FENCE = "```python\ndef freeze(value):\n    raise";
const DRILL_OUTPUT = "```output\n([1, 2, 9], 3)";
const TESTS_END = "    assert freeze([1, [2, [3]]]) == (1, (2, (3,)))\n```\n";
const WRONG = `### Wrong: forgets the nested lists

A candidate who converts only the top level.

\`\`\`python
def freeze(value):
    return tuple(value)
\`\`\`
`;

/** The good question with `blocks` after its exercise's tests. */
function withWrong(text: string, blocks: string): string {
  return text.replace(TESTS_END, `${TESTS_END}\n${blocks}`);
}

function problemsOf(text: string, file = FILE) {
  return parseQuestion(file, text, catalog).problems.map(formatProblem);
}

/** Line number (1-based) of the first line containing `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = needle.includes("\n") ? text.lastIndexOf(needle) : text.indexOf(needle);
  return text.slice(0, at).split("\n").length;
}

describe("a well-formed question", () => {
  const { question, problems } = parseQuestion(FILE, goodQuestion, catalog);

  it("parses with no problems", () => {
    expect(problems).toEqual([]);
    expect(question).toBeDefined();
  });

  it("reads front matter, question, answer and lists", () => {
    expect(question?.id).toBe("list-vs-tuple");
    expect(question?.covers).toBe("F04");
    expect(question?.level).toBe("fresher");
    expect(question?.topics).toEqual(["data-structures", "types"]);
    expect(question?.question).toBe("What is the difference between a list and a tuple?");
    expect(question?.context).toContain("Optional extra context");
    expect(question?.answer).toContain("The model answer");
    expect(question?.followUps).toHaveLength(2);
    expect(question?.mistakes).toHaveLength(2);
  });

  it("keeps key point text and terms apart", () => {
    const first = question?.keyPoints[0];
    expect(first?.text).toBe("Lists are mutable; a tuple cannot be changed after it is built.");
    expect(first?.terms).toEqual(["mutable", "immutable", "cannot be changed", "in place"]);
    expect(first?.position.line).toBe(lineOf(goodQuestion, "Lists are mutable"));
  });

  it("reads examples and drills with their exact output and positions", () => {
    const example = question?.examples[0];
    expect(example?.key).toBe("example-1");
    expect(example?.title).toBe("a tuple refuses assignment");
    expect(example?.source.code).toBe(
      "point = (1, 2)\ntry:\n    point[0] = 5\nexcept TypeError as error:\n    print(error)\n",
    );
    expect(example?.expectedOutput).toBe("'tuple' object does not support item assignment");
    expect(example?.expected).toEqual({
      output: "'tuple' object does not support item assignment\n",
      exitCode: 0,
    });
    expect(example?.source.position.line).toBe(lineOf(goodQuestion, "point = (1, 2)") - 1);
    expect(question?.drills[0]?.explanation).toContain("Optional explanation");
  });

  it("reads an exercise's prompt, starter, solution and tests", () => {
    const exercise = question?.exercises[0];
    expect(exercise?.key).toBe("exercise-1");
    expect(exercise?.title).toBe("freeze a nested list");
    expect(exercise?.starter.code).toContain("raise NotImplementedError");
    expect(exercise?.solution.code).toContain("isinstance(value, list)");
    expect(exercise?.tests.code).toContain("def test_nested");
  });

  it("reads code block attributes", () => {
    const text = goodQuestion
      .replace(
        "```python\npoint",
        "```python runs-on=cpython requires-python=3.12 timeout=9\npoint",
      )
      .replace("difficulty: 1", "difficulty: 1\nruns-on-reason: needs threads");
    const { question: q, problems: p } = parseQuestion(FILE, text, catalog);
    expect(p).toEqual([]);
    expect(q?.examples[0]?.source.options).toEqual({
      runsOn: "cpython",
      requiresPython: "3.12",
      timeoutSeconds: 9,
    });
  });
});

describe("exercise options and real-world exercises", () => {
  const parse = (text: string) => {
    const result = parseQuestion(FILE, text, catalog);
    expect(result.problems.map(formatProblem)).toEqual([]);
    return result.question;
  };

  it("reads known-wrong solutions after the tests, with their prose and line", () => {
    const second =
      "### Wrong: returns a list\n\n```python\ndef freeze(value):\n    return list(value)\n```\n";
    const text = withWrong(goodQuestion, `${WRONG}\n${second}`);
    const wrong = parse(text)?.exercises[0]?.wrong;
    expect(wrong?.map((w) => w.title)).toEqual(["forgets the nested lists", "returns a list"]);
    expect(wrong?.[0]?.explanation).toBe("A candidate who converts only the top level.");
    expect(wrong?.[0]?.code.code).toBe("def freeze(value):\n    return tuple(value)\n");
    expect(wrong?.[0]?.position.line).toBe(lineOf(text, "### Wrong: forgets"));
    expect(wrong?.[1]?.explanation).toBe("");
  });

  it("has no wrong solutions unless the file gives some", () => {
    expect(parse(goodQuestion)?.exercises[0]?.wrong).toEqual([]);
  });

  it("reads module= on the Solution fence and starter=passes on the Starter fence", () => {
    const text = goodQuestion
      .replace(SOLUTION_FENCE, "```python module=freezer\ndef freeze(value):\n    if isinstance")
      .replace(STARTER_FENCE, "```python starter=passes\ndef freeze(value):\n    raise");
    const exercise = parse(text)?.exercises[0];
    expect(exercise?.module).toBe("freezer");
    expect(exercise?.starterPasses).toBe(true);
    expect(parse(goodQuestion)?.exercises[0]?.module).toBeUndefined();
  });

  it("takes a prompt with any Markdown: deeper headings and code that is shown, not run", () => {
    const prompt =
      "Write `freeze`.\n\n#### Input\n\nA nested list.\n\n```python\n>>> freeze([1, [2]])\n(1, (2,))\n```\n\n##### Notes\n\n```text\nplain\n```";
    const text = goodQuestion.replace(
      "The prompt, in Markdown: what to write, with the function's name and signature.",
      prompt,
    );
    expect(parse(text)?.exercises[0]?.prompt).toBe(prompt);
  });

  it("lets kind: exercise leave out every section but the question and an exercise", () => {
    const text = goodQuestion
      .replace("difficulty: 1", "difficulty: 1\nkind: exercise")
      .replace(/## Answer[\s\S]*?(?=## Exercise)/, "")
      .replace(/## Follow-ups[\s\S]*$/, "");
    const question = parse(text);
    expect(question?.kind).toBe("exercise");
    expect(question?.answer).toBe("");
    expect(question?.keyPoints).toEqual([]);
    expect(question?.examples).toEqual([]);
    expect(question?.followUps).toEqual([]);
    expect(question?.mistakes).toEqual([]);
    expect(question?.exercises).toHaveLength(1);
    expect(parse(goodQuestion)?.kind).toBe("question");
  });

  it("reads what an output block expects: every line with its newline", () => {
    const drill = (block: string) =>
      parse(goodQuestion.replace(`${DRILL_OUTPUT}\n\`\`\``, block))?.drills[0];
    expect(drill(`${DRILL_OUTPUT}\n\`\`\``)?.expected).toEqual({
      output: "([1, 2, 9], 3)\n",
      exitCode: 0,
    });
    // Trailing blank lines are lines the program must print.
    expect(drill(`${DRILL_OUTPUT}\n\n\n\`\`\``)?.expected?.output).toBe("([1, 2, 9], 3)\n\n\n");
    expect(drill("```output\n\n```")?.expected?.output).toBe("\n");
    expect(drill("```output\n```")?.expected?.output).toBe("");
    // The author's text stays as written, for display.
    expect(drill(`${DRILL_OUTPUT}\n\n\`\`\``)?.expectedOutput).toBe("([1, 2, 9], 3)\n");
  });

  it("reads exit= and escapes=on on an output block", () => {
    const drill = parse(
      goodQuestion.replace(
        `${DRILL_OUTPUT}\n\`\`\``,
        "```output exit=3 escapes=on\n50%\\r100%\\tdone \\\\ \\x41\\u00e9\n```",
      ),
    )?.drills[0];
    expect(drill?.expected).toEqual({ output: "50%\r100%\tdone \\ A\u00e9\n", exitCode: 3 });
    expect(drill?.expectedOutput).toBe("50%\\r100%\\tdone \\\\ \\x41\\u00e9");
  });

  it("reads backslashes literally without escapes=on", () => {
    const drill = parse(
      goodQuestion.replace(`${DRILL_OUTPUT}\n\`\`\``, "```output\nC:\\temp\\new\n```"),
    )?.drills[0];
    expect(drill?.expected?.output).toBe("C:\\temp\\new\n");
  });
});

describe("each kind of problem is reported with file:line:column", () => {
  const cases: Array<[string, (t: string) => string, string, string | number]> = [
    ["missing front matter", (t) => t.replace(/^---\n/, ""), "must start with front matter", 1],
    [
      "unclosed front matter",
      (t) => t.replace("---\n\n# What", "\n# What"),
      "front matter is not closed",
      1,
    ],
    [
      "invalid YAML",
      (t) => t.replace("topics: [data-structures, types]", "topics: [data-structures"),
      "not valid YAML",
      "minutes: 3",
    ],
    ["missing field", (t) => t.replace("minutes: 3\n", ""), "missing 'minutes'", 1],
    [
      "unknown field",
      (t) => t.replace("minutes: 3", "minutes: 3\nauthor: me"),
      "unknown front matter field 'author'",
      "author:",
    ],
    [
      "id not matching the file",
      (t) => t.replace("id: list-vs-tuple", "id: lists-and-tuples"),
      "must match the file name",
      "id:",
    ],
    [
      "bad id slug",
      (t) => t.replace("id: list-vs-tuple", "id: List_Vs_Tuple"),
      "must be a slug",
      "id:",
    ],
    [
      "level not matching the folder",
      (t) => t.replace("level: fresher", "level: expert").replace("covers: F04", "covers: extra"),
      "does not match the folder",
      "level:",
    ],
    [
      "unknown level",
      (t) => t.replace("level: fresher", "level: guru"),
      "level 'guru' must be one of",
      "level:",
    ],
    [
      "unknown topic",
      (t) => t.replace("[data-structures, types]", "[data-structures, cooking]"),
      "unknown topic 'cooking'",
      "topics:",
    ],
    [
      "covers id not in the list",
      (t) => t.replace("covers: F04", "covers: F99"),
      "covers 'F99' is not a syllabus id",
      "covers:",
    ],
    [
      "covers id of another level",
      (t) => t.replace("covers: F04", "covers: E03"),
      "is a expert id",
      "covers:",
    ],
    [
      "difficulty out of range",
      (t) => t.replace("difficulty: 1", "difficulty: 5"),
      "difficulty must be 1, 2 or 3",
      "difficulty:",
    ],
    [
      "minutes out of range",
      (t) => t.replace("minutes: 3", "minutes: 0"),
      "minutes must be a whole number",
      "minutes:",
    ],
    [
      "missing question heading",
      (t) => t.replace("# What is the difference between a list and a tuple?\n", ""),
      "missing the question",
      9,
    ],
    [
      "unknown section",
      (t) => t.replace("## Follow-ups", "## Further reading\n\n- x\n\n## Follow-ups"),
      "unknown section '## Further reading'",
      "## Further reading",
    ],
    [
      "missing section",
      (t) => t.replace(/## Common mistakes[\s\S]*$/, ""),
      "missing section '## Common mistakes'",
      9,
    ],
    [
      "duplicate section",
      (t) => t.replace("## Key points", "## Answer\n\nAgain.\n\n## Key points"),
      "appears more than once",
      "## Answer\n\nAgain.",
    ],
    [
      "sections out of order",
      (t) => t.replace(/(## Follow-ups[\s\S]*?)(## Common mistakes[\s\S]*)$/, "$2\n$1"),
      "out of order",
      "## Follow-ups",
    ],
    [
      "key point without terms",
      (t) => t.replace(" <!-- terms: hashable, hash, dict key -->", ""),
      "key point has no terms",
      "Tuples of hashable",
    ],
    [
      "too few key points",
      (t) => t.replace(/- Tuples of hashable.*\n/, "").replace(/- Pick a list.*\n/, ""),
      "must list 3 to 6 points",
      "## Key points",
    ],
    [
      "example without output block",
      (t) => t.replace("```output\n'tuple' object does not support item assignment\n```\n", ""),
      "no ```output block",
      "```python\npoint = (1, 2)",
    ],
    [
      "example without python block",
      (t) => t.replace("```python\npoint = (1, 2)", "```py\npoint = (1, 2)"),
      "has no ```python block",
      "## Example: a tuple",
    ],
    [
      "output before python",
      (t) =>
        t.replace(/(```python\npoint[\s\S]*?```\n)\n(```output\n'tuple'[\s\S]*?```\n)/, "$2\n$1"),
      "must come after the python block",
      "```output",
    ],
    [
      "unknown code block attribute",
      (t) => t.replace("```python\npoint", "```python colour=red\npoint"),
      "unknown code block attribute 'colour'",
      "colour=red",
    ],
    [
      "bad timeout",
      (t) => t.replace("```python\npoint", "```python timeout=99\npoint"),
      "timeout=99",
      "timeout=99",
    ],
    [
      "cpython-only without a reason",
      (t) => t.replace("```python\npoint", "```python runs-on=cpython\npoint"),
      "no 'runs-on-reason'",
      1,
    ],
    [
      "exercise missing its tests",
      (t) => t.replace(/### Tests\n\n```python[\s\S]*?```\n/, ""),
      "missing '### Tests'",
      "## Exercise",
    ],
    [
      "unknown exercise part",
      (t) => t.replace("### Solution", "### Answer key"),
      "unknown exercise part '### Answer key'",
      "### Answer key",
    ],
    [
      "too many follow-ups",
      (t) => t.replace("- 1 to 3 items.", "- b\n- c\n- d"),
      "Follow-ups must list 1 to 3 items",
      "## Follow-ups",
    ],
    [
      "a wrong solution before the tests",
      (t) => t.replace("### Tests", `${WRONG}\n### Tests`),
      "'### Wrong: forgets the nested lists' must come after '### Tests'",
      "### Wrong: forgets",
    ],
    [
      "a wrong solution that does not say what is wrong",
      (t) => withWrong(t, WRONG.replace("### Wrong: forgets the nested lists", "### Wrong")),
      "a wrong solution needs to say what is wrong",
      "### Wrong\n",
    ],
    [
      "a wrong solution without code",
      (t) => withWrong(t, "### Wrong: no code\n\nJust prose.\n"),
      "'### Wrong: no code' must hold exactly one ```python block",
      "### Wrong: no code",
    ],
    [
      "two wrong solutions with one title",
      (t) => withWrong(t, `${WRONG}\n${WRONG}`),
      "wrong solution '### Wrong: forgets the nested lists' appears twice",
      WRONG,
    ],
    [
      "a part after a wrong solution",
      (t) => withWrong(t, `${WRONG}\n### Starter\n\n\`\`\`python\nx = 1\n\`\`\`\n`),
      "must come before the '### Wrong: ...' solutions",
      "### Starter\n\n```python\nx = 1",
    ],
    [
      "a module name that is not an identifier",
      (t) => t.replace(SOLUTION_FENCE, "```python module=my-module\ndef freeze"),
      "module=my-module: must be a Python identifier",
      "module=my-module",
    ],
    [
      "a module name that shadows the standard library",
      (t) => t.replace(SOLUTION_FENCE, "```python module=json\ndef freeze"),
      "module=json: is a standard-library module",
      "module=json",
    ],
    [
      "a module name that is a keyword",
      (t) => t.replace(SOLUTION_FENCE, "```python module=class\ndef freeze"),
      "module=class: is a Python keyword",
      "module=class",
    ],
    [
      "a module name the runner uses",
      (t) => t.replace(SOLUTION_FENCE, "```python module=solution\ndef freeze"),
      "module=solution: is a name the runner uses",
      "module=solution",
    ],
    [
      "module= on the tests instead of the solution",
      (t) => t.replace("```python\ndef test_flat", "```python module=freezer\ndef test_flat"),
      "'module=' does not belong on this block: it goes on the Solution's python block",
      "module=freezer",
    ],
    [
      "a starter= value other than passes",
      (t) => t.replace(STARTER_FENCE, "```python starter=fails\ndef freeze"),
      "starter=fails: the only value is 'passes'",
      "starter=fails",
    ],
    [
      "starter= on the solution",
      (t) => t.replace(SOLUTION_FENCE, "```python starter=passes\ndef freeze"),
      "'starter=' does not belong on this block",
      "starter=passes",
    ],
    [
      "an exit status out of range",
      (t) => t.replace(DRILL_OUTPUT, "```output exit=300\n([1, 2, 9], 3)"),
      "exit=300: must be an exit status from 0 to 255",
      "exit=300",
    ],
    [
      "exit= on a python block",
      (t) => t.replace("```python\na = [1, 2]", "```python exit=1\na = [1, 2]"),
      "'exit=' does not belong on this block: it goes on output blocks",
      "exit=1",
    ],
    [
      "an unknown attribute on an output block",
      (t) => t.replace(DRILL_OUTPUT, "```output colour=red\n([1, 2, 9], 3)"),
      "unknown code block attribute 'colour' (known here: exit, escapes)",
      "colour=red",
    ],
    [
      "an unknown escape in an escapes=on block, at its own line",
      (t) => t.replace(DRILL_OUTPUT, "```output escapes=on\n([1, 2, 9], 3)\nbad \\q here"),
      "unknown escape '\\q'",
      "bad \\q here",
    ],
    [
      "an unknown kind",
      (t) => t.replace("difficulty: 1", "difficulty: 1\nkind: lesson"),
      "kind 'lesson' must be one of question, exercise",
      "kind: lesson",
    ],
    [
      "an exercise-kind file without an exercise",
      (t) =>
        t
          .replace("difficulty: 1", "difficulty: 1\nkind: exercise")
          .replace(/## Exercise:[\s\S]*?(?=## Follow-ups)/, ""),
      "a file with 'kind: exercise' needs at least one '## Exercise: <title>'",
      "# What is the difference",
    ],
    [
      "an exercise-kind file still checks the sections it has",
      (t) =>
        t
          .replace("difficulty: 1", "difficulty: 1\nkind: exercise")
          .replace(/- Tuples of hashable.*\n/, ""),
      "must list 3 to 6 points",
      "## Key points",
    ],
    [
      "a level-3 heading in an exercise prompt",
      (t) => t.replace("### Starter", "### Instructions\n\nMore.\n\n### Starter"),
      "unknown exercise part '### Instructions' (known: Starter, Solution, Tests, Wrong: <what is wrong>; use '####'",
      "### Instructions",
    ],
  ];

  for (const [name, mutate, message, where] of cases) {
    it(name, () => {
      const text = mutate(goodQuestion);
      expect(text).not.toBe(goodQuestion);
      const problems = problemsOf(text);
      const line = typeof where === "number" ? where : lineOf(text, where);
      const match = problems.find((p) => p.includes(message));
      expect(match, `expected "${message}" among:\n${problems.join("\n")}`).toBeDefined();
      expect(match?.startsWith(`${FILE}:${line}:`), `expected line ${line} in ${match}`).toBe(true);
    });
  }

  it("reports every problem at once, not only the first", () => {
    const text = goodQuestion
      .replace("covers: F04", "covers: F99")
      .replace("[data-structures, types]", "[cooking]")
      .replace("## Follow-ups", "## Folowups")
      .replace(" <!-- terms: hashable, hash, dict key -->", "");
    const problems = problemsOf(text);
    for (const message of [
      "covers 'F99'",
      "unknown topic 'cooking'",
      "unknown section '## Folowups'",
      "key point has no terms",
      "missing section '## Follow-ups'",
    ]) {
      expect(
        problems.some((p) => p.includes(message)),
        message,
      ).toBe(true);
    }
  });

  it("reports a duplicate id across files", () => {
    const other = goodQuestion;
    const { bank, problems } = buildBank(
      [
        { path: "fresher/list-vs-tuple.md", text: goodQuestion },
        { path: "extra/fresher/list-vs-tuple.md", text: other },
      ],
      catalog,
    );
    expect(bank.questions).toHaveLength(1);
    expect(problems.map(formatProblem)).toContainEqual(
      expect.stringContaining(
        "duplicate id 'list-vs-tuple': fresher/list-vs-tuple.md uses it already",
      ),
    );
  });
});

describe("the loader", () => {
  it("indexes the bank by id, level and topic", () => {
    const second = goodQuestion
      .replace("id: list-vs-tuple", "id: sets-basics")
      .replace("[data-structures, types]", "[types]");
    const { bank, problems } = buildBank(
      [
        { path: "fresher/list-vs-tuple.md", text: goodQuestion },
        { path: "fresher/sets-basics.md", text: second },
      ],
      catalog,
    );
    expect(problems).toEqual([]);
    expect([...bank.byId.keys()]).toEqual(["list-vs-tuple", "sets-basics"]);
    expect(bank.byLevel.get("fresher")?.map((q) => q.id)).toEqual(["list-vs-tuple", "sets-basics"]);
    expect(bank.byLevel.get("expert")).toEqual([]);
    expect(bank.byTopic.get("types")?.map((q) => q.id)).toEqual(["list-vs-tuple", "sets-basics"]);
    expect(bank.byTopic.get("data-structures")?.map((q) => q.id)).toEqual(["list-vs-tuple"]);
  });
});

import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/content/bank.ts";
import { loadBank } from "../../src/content/read-bank.ts";
import { fence, inlineText } from "../../src/export/markdown/blocks.ts";
import { buildMarkdownBook, type MarkdownFile } from "../../src/export/markdown/book.ts";
import { FIXTURE_FILES, fixtureBank } from "./support/bank.ts";

/** The book as a Git host shows it: CommonMark + GFM, raw HTML (anchors, details) kept. */
function render(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });
}

const decode = (text: string) =>
  text
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** Every relative link of every file, and whether the file and anchor it names exist. */
function brokenLinks(files: readonly MarkdownFile[]): { links: number; broken: string[] } {
  const html = new Map(files.map((file) => [file.path, render(file.text)]));
  const ids = new Map(
    [...html].map(([path, text]) => [
      path,
      new Set([...text.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])),
    ]),
  );
  const broken: string[] = [];
  let links = 0;
  for (const [path, text] of html) {
    for (const [, raw] of text.matchAll(/ href="([^"]*)"/g)) {
      const href = decode(raw ?? "");
      if (/^[a-z]+:/i.test(href)) continue;
      links++;
      const [file = "", anchor] = href.split("#");
      const target = file === "" ? path : file;
      if (!ids.has(target)) broken.push(`${path}: ${href} (no file ${target})`);
      else if (anchor !== undefined && !ids.get(target)?.has(anchor))
        broken.push(`${path}: ${href} (no anchor ${anchor} in ${target})`);
    }
  }
  return { links, broken };
}

/** A question's section: from its anchor to the next question's. */
function section(file: MarkdownFile, id: string): string {
  const start = file.text.indexOf(`<a id="q-${id}"></a>`);
  const end = file.text.indexOf('<a id="q-', start + 1);
  return file.text.slice(start, end < 0 ? undefined : end);
}

describe("the Markdown book of the bundled bank", () => {
  let bank: Bank;
  let files: MarkdownFile[];
  beforeAll(async () => {
    bank = (await loadBank()).bank;
    files = buildMarkdownBook(bank);
  }, 60_000);

  it("is README.md and one file per level", () => {
    expect(files.map((f) => f.path)).toEqual([
      "README.md",
      "fresher.md",
      "intermediate.md",
      "expert.md",
    ]);
  });

  it("has every question once, in its level's file, in full", () => {
    const byPath = new Map(files.map((f) => [f.path, f]));
    for (const question of bank.questions) {
      const anchor = `<a id="q-${question.id}"></a>`;
      const holders = files.filter((f) => f.text.includes(anchor)).map((f) => f.path);
      expect(holders, question.id).toEqual([`${question.level}.md`]);
      const file = byPath.get(`${question.level}.md`) as MarkdownFile;
      expect(file.text.split(anchor)).toHaveLength(2);
      const text = section(file, question.id);
      expect(text, question.id).toContain(`## ${inlineText(question.question)}\n`);
      expect(file.text, `${question.id} in the contents`).toContain(
        `. [${inlineText(question.question)}](#q-${question.id})\n`,
      );
      if (question.answer.trim()) expect(text).toContain(question.answer.trim().split("\n")[0]);
      for (const point of question.keyPoints)
        expect(text).toContain(`- ${point.text.split("\n")[0]}`);
      for (const example of question.examples) {
        expect(text, `${question.id}/${example.key}`).toContain(
          fence("python", example.source.code),
        );
        expect(text, `${question.id}/${example.key}`).toContain(
          `Output:\n\n${fence("text", example.expectedOutput)}`,
        );
      }
      for (const drill of question.drills) {
        const code = fence("python", drill.source.code);
        const at = text.indexOf(code);
        expect(at, `${question.id}/${drill.key}`).toBeGreaterThan(0);
        const after = text.slice(at + code.length);
        const details = after.indexOf("<details>\n<summary>What it prints</summary>\n\n");
        const answer = after.indexOf(fence("text", drill.expectedOutput));
        expect(details, `${question.id}/${drill.key}: answer folded`).toBeGreaterThanOrEqual(0);
        expect(answer, `${question.id}/${drill.key}: answer inside`).toBeGreaterThan(details);
        expect(after.indexOf("</details>")).toBeGreaterThan(answer);
      }
      for (const followUp of question.followUps) expect(text).toContain(followUp.split("\n")[0]);
    }
  });

  it("lists every question in its level's contents and under each of its topics in README.md", () => {
    const index = files[0] as MarkdownFile;
    for (const question of bank.questions) {
      for (const topic of question.topics) {
        const start = index.text.indexOf(`<a id="topic-${topic}"></a>`);
        const end = index.text.indexOf('<a id="topic-', start + 1);
        expect(
          index.text.slice(start, end < 0 ? undefined : end),
          `${question.id} in ${topic}`,
        ).toContain(`](${question.level}.md#q-${question.id})`);
      }
    }
  });

  it("has no link that does not resolve to a file and an anchor of the book", () => {
    // The check itself finds a broken one.
    const spoilt = files.map((f, i) =>
      i === 1 ? { ...f, text: `${f.text}\n[x](expert.md#q-nope)\n` } : f,
    );
    expect(brokenLinks(spoilt).broken).toEqual([
      "fresher.md: expert.md#q-nope (no anchor q-nope in expert.md)",
    ]);
    const { links, broken } = brokenLinks(files);
    expect(broken).toEqual([]);
    expect(links).toBeGreaterThan(bank.questions.length * 3);
  });

  it("renders drill answers as Markdown inside <details> on a CommonMark host", () => {
    const html = render((files[1] as MarkdownFile).text);
    expect(html).toMatch(
      /<details>\n<summary>What it prints<\/summary>\n<pre><code class="language-text">/,
    );
  });
});

describe("the Markdown book of a small bank", () => {
  const files = buildMarkdownBook(fixtureBank());

  it("points a link to another question's file at that question in the book", () => {
    const intermediate = files.find((f) => f.path === "intermediate.md") as MarkdownFile;
    expect(intermediate.text).toContain("see [the basics](fresher.md#q-list-vs-tuple).");
    expect(brokenLinks(files).broken).toEqual([]);
  });

  it("keeps Markdown characters in a question's text as text", () => {
    const intermediate = files.find((f) => f.path === "intermediate.md") as MarkdownFile;
    expect(intermediate.text).toContain(
      "## Why does freezing a nested structure need \\*\\*recursion\\*\\*?",
    );
    expect(render(intermediate.text)).toContain(
      "<h2>Why does freezing a nested structure need **recursion**?</h2>",
    );
  });

  it("drops the key-point grader's comments and shows the checked output", () => {
    const fresher = files.find((f) => f.path === "fresher.md") as MarkdownFile;
    expect(fresher.text).not.toContain("<!--");
    expect(fresher.text).toContain(
      "Output:\n\n```text\n'tuple' object does not support item assignment\n```",
    );
    expect(fresher.text).toContain(
      "<details>\n<summary>A solution, and the tests it passes</summary>",
    );
  });

  it("writes only the levels that have questions and reports progress", () => {
    const seen: number[] = [];
    const bank = fixtureBank(FIXTURE_FILES.filter((f) => !f.path.startsWith("intermediate/")));
    const only = buildMarkdownBook(bank, { onProgress: (done) => seen.push(done) });
    expect(only.map((f) => f.path)).toEqual(["README.md", "fresher.md", "expert.md"]);
    expect(only[1]?.text).toContain("[All levels](README.md) · **Fresher** · [Expert](expert.md)");
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe("fence", () => {
  it("is longer than any backtick run inside", () => {
    expect(fence("text", "a ``` b\n")).toBe("````text\na ``` b\n````");
    expect(fence("python", "x = 1")).toBe("```python\nx = 1\n```");
  });
});

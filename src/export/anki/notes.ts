import { escapeHtml, renderMarkdown } from "../../content/render-html.ts";
import { effectiveOptions, type Question, type Runnable } from "../../content/schema.ts";
import { highlightPythonBlocks, highlightPythonHtml } from "../highlight.ts";
import { LEVEL_TITLES } from "../labels.ts";
import { levelDeck } from "./decks.ts";
import { noteGuid } from "./ids.ts";
import {
  CONCEPT_NOTE_TYPE,
  type ConceptField,
  DRILL_NOTE_TYPE,
  type DrillField,
  type NoteTypeSpec,
} from "./note-types.ts";

/** One Anki note: its field values in the note type's order, as HTML. */
export interface AnkiNote {
  /** PyPrep's card id for it (`list-vs-tuple`, `list-vs-tuple/drill-1`); the GUID's source. */
  key: string;
  guid: string;
  noteType: NoteTypeSpec;
  fields: string[];
  tags: string[];
  deckId: number;
}

export const TAG_PREFIX = "PyPrep";

/**
 * A question's notes: one concept note (question, answer, key points, examples with
 * their checked output) and one note per predict-the-output drill. A `kind: exercise`
 * file without an answer has no concept note; exercises need an editor and tests, so
 * they stay in the app.
 */
export function notesForQuestion(
  question: Question,
  topicTitle: (id: string) => string,
): AnkiNote[] {
  const tags = [
    `${TAG_PREFIX}::level::${question.level}`,
    ...question.topics.map((topic) => `${TAG_PREFIX}::topic::${topic}`),
  ];
  const deckId = levelDeck(question.level).id;
  const source = escapeHtml(
    [LEVEL_TITLES[question.level], question.topics.map(topicTitle).join(", "), question.id].join(
      " · ",
    ),
  );
  const notes: AnkiNote[] = [];
  if (question.answer.trim() !== "") {
    const values: Record<ConceptField, string> = {
      Question: escapeHtml(question.question),
      Context: markdownHtml(question.context),
      Answer: markdownHtml(question.answer),
      "Key points": keyPointsHtml(question),
      Examples: question.examples.map((example) => exampleHtml(question, example)).join("\n"),
      Source: source,
    };
    notes.push({
      key: question.id,
      guid: noteGuid(question.id),
      noteType: CONCEPT_NOTE_TYPE,
      fields: CONCEPT_NOTE_TYPE.fields.map((name) => values[name as ConceptField]),
      tags,
      deckId,
    });
  }
  for (const drill of question.drills) {
    const key = `${question.id}/${drill.key}`;
    const values: Record<DrillField, string> = {
      Question: escapeHtml(question.question),
      Title: escapeHtml(drill.title === "" ? "Predict the output" : capitalise(drill.title)),
      Prompt: [markdownHtml(drill.intro), runsOnHtml(question, drill)].filter(Boolean).join("\n"),
      Code: highlightPythonHtml(drill.source.code),
      Stdin: drill.stdin === undefined ? "" : escapeHtml(drill.stdin),
      Output: outputHtml(drill),
      Explanation: markdownHtml(drill.explanation),
      Source: source,
    };
    notes.push({
      key,
      guid: noteGuid(key),
      noteType: DRILL_NOTE_TYPE,
      fields: DRILL_NOTE_TYPE.fields.map((name) => values[name as DrillField]),
      tags,
      deckId,
    });
  }
  return notes;
}

function markdownHtml(markdown: string): string {
  return highlightPythonBlocks(renderMarkdown(markdown));
}

/** A one-paragraph rendering without its `<p>`, for list items. */
function inlineHtml(markdown: string): string {
  return markdownHtml(markdown).replace(/^<p>([\s\S]*)<\/p>$/, "$1");
}

function keyPointsHtml(question: Question): string {
  if (question.keyPoints.length === 0) return "";
  const items = question.keyPoints.map((point) => `<li>${inlineHtml(point.text)}</li>`);
  return `<ul>\n${items.join("\n")}\n</ul>`;
}

function exampleHtml(question: Question, example: Runnable): string {
  const parts = [
    `<h4>Example${example.title ? `: ${escapeHtml(example.title)}` : ""}</h4>`,
    markdownHtml(example.intro),
    `<pre class="code"><code class="language-python">${highlightPythonHtml(example.source.code)}</code></pre>`,
  ];
  if (example.stdin !== undefined) {
    parts.push(
      `<div class="label">Standard input</div>`,
      `<pre class="stdin">${escapeHtml(example.stdin)}</pre>`,
    );
  }
  parts.push(`<div class="label">Output</div>`, outputHtml(example));
  parts.push(runsOnHtml(question, example), markdownHtml(example.explanation));
  return `<div class="example">\n${parts.filter(Boolean).join("\n")}\n</div>`;
}

/** The output block as the author wrote it (checked by `pyprep check`), and a non-zero exit. */
function outputHtml(runnable: Runnable): string {
  const exitCode = runnable.expected?.exitCode ?? 0;
  const exit = exitCode === 0 ? "" : `\n<p class="note">Exits with status ${exitCode}.</p>`;
  return `<pre class="output">${escapeHtml(runnable.expectedOutput)}</pre>${exit}`;
}

/** Where the code needs more than the browser or an older Python has, said once. */
function runsOnHtml(question: Question, runnable: Runnable): string {
  const options = effectiveOptions(question, runnable.source.options);
  const notes: string[] = [];
  if (options.runsOn === "cpython") {
    notes.push(
      `Needs native CPython${question.runsOnReason ? `: ${escapeHtml(question.runsOnReason)}` : "."}`,
    );
  }
  if (options.requiresPython) notes.push(`Needs Python ${options.requiresPython} or newer.`);
  return notes.length > 0 ? `<p class="note">${notes.join(" ")}</p>` : "";
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

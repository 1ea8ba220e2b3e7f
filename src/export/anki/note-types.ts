import { CARD_CSS } from "./card-style.ts";
import { stableId } from "./ids.ts";

/**
 * A note type as we define it. Anki matches an imported note type to the one it has by
 * id, and treats it as the same only while the field names and template names are
 * unchanged (it hashes those), so renaming a field here makes the next import add a
 * second note type instead of updating notes. Templates and CSS may change freely.
 */
export interface NoteTypeSpec {
  /** Stable key the ids are derived from; never change it. */
  key: string;
  name: string;
  fields: readonly string[];
  template: { name: string; front: string; back: string };
}

export const CONCEPT_FIELDS = [
  "Question",
  "Context",
  "Answer",
  "Key points",
  "Examples",
  "Source",
] as const;
export type ConceptField = (typeof CONCEPT_FIELDS)[number];

export const DRILL_FIELDS = [
  "Question",
  "Title",
  "Prompt",
  "Code",
  "Stdin",
  "Output",
  "Explanation",
  "Source",
] as const;
export type DrillField = (typeof DRILL_FIELDS)[number];

export const CONCEPT_NOTE_TYPE: NoteTypeSpec = {
  key: "concept",
  name: "PyPrep: concept question",
  fields: CONCEPT_FIELDS,
  template: {
    name: "Recall the answer",
    front: `<div class="pyprep concept">
<div class="question">{{Question}}</div>
{{#Context}}<div class="context">{{Context}}</div>{{/Context}}
<div class="source">{{Source}}</div>
</div>`,
    back: `{{FrontSide}}
<div class="pyprep concept">
<hr id="answer">
<section class="answer">{{Answer}}</section>
{{#Key points}}<h3>Key points</h3>
<div class="key-points">{{Key points}}</div>{{/Key points}}
{{#Examples}}<div class="examples">{{Examples}}</div>{{/Examples}}
</div>`,
  },
};

export const DRILL_NOTE_TYPE: NoteTypeSpec = {
  key: "drill",
  name: "PyPrep: predict the output",
  fields: DRILL_FIELDS,
  template: {
    name: "Predict the output",
    front: `<div class="pyprep drill">
<div class="question">{{Title}}</div>
{{#Prompt}}<div class="prompt">{{Prompt}}</div>{{/Prompt}}
<pre class="code"><code class="language-python">{{Code}}</code></pre>
{{#Stdin}}<div class="label">Standard input</div>
<pre class="stdin">{{Stdin}}</pre>{{/Stdin}}
<p class="note">What does it print?</p>
<div class="source">From: {{Question}}<br>{{Source}}</div>
</div>`,
    back: `{{FrontSide}}
<div class="pyprep drill">
<hr id="answer">
<div class="label">It prints</div>
{{Output}}
{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}
</div>`,
  },
};

export const NOTE_TYPES = [CONCEPT_NOTE_TYPE, DRILL_NOTE_TYPE] as const;

export function noteTypeId(spec: NoteTypeSpec): number {
  return stableId(`notetype:${spec.key}`);
}

/**
 * The note type in the legacy collection's `col.models` JSON (schema 11), with the keys
 * Anki's reader requires (rslib `notetype/schema11.rs`: `NotetypeSchema11`,
 * `NoteFieldSchema11`, `CardTemplateSchema11`). Field and template ids let Anki
 * 2.1.67+ merge a note type the user has changed.
 */
export function noteTypeJson(spec: NoteTypeSpec, modSeconds: number, deckId: number) {
  return {
    id: noteTypeId(spec),
    name: spec.name,
    type: 0,
    mod: modSeconds,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: [
      {
        name: spec.template.name,
        ord: 0,
        qfmt: spec.template.front,
        afmt: spec.template.back,
        bqfmt: "",
        bafmt: "",
        did: null,
        bfont: "",
        bsize: 0,
        id: stableId(`template:${spec.key}:${spec.template.name}`),
      },
    ],
    flds: spec.fields.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: "Arial",
      size: 20,
      description: "",
      plainText: false,
      collapsed: false,
      excludeFromSearch: false,
      id: stableId(`field:${spec.key}:${name}`),
      tag: null,
      preventDeletion: false,
    })),
    css: CARD_CSS,
    latexPre:
      "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
    latexPost: "\\end{document}",
    latexsvg: false,
    // The one card needs the first field (the question); an empty one makes no card.
    req: [[0, "all", [0]]],
    tags: [],
    vers: [],
  };
}

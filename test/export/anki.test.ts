import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadBank } from "../../src/content/read-bank.ts";
import { SCHEMA_VERSION } from "../../src/export/anki/collection.ts";
import { noteGuid } from "../../src/export/anki/ids.ts";
import { CONCEPT_FIELDS, DRILL_FIELDS } from "../../src/export/anki/note-types.ts";
import { buildAnkiPackage, EmptyExportError } from "../../src/export/anki/package.ts";
import { SYNTAX_CLASSES } from "../../src/export/highlight.ts";
import { type Json, openApkg } from "./support/apkg.ts";
import { FIXTURE_FILES, fixtureBank, variant } from "./support/bank.ts";

const T0 = new Date("2026-03-01T10:00:00Z");
const T1 = new Date("2026-03-02T10:00:00Z");

async function exportFixture(options: Partial<Parameters<typeof buildAnkiPackage>[1]> = {}) {
  const pkg = await buildAnkiPackage(fixtureBank(), { now: T0, ...options });
  return { pkg, apkg: openApkg(pkg.bytes) };
}

/**
 * What Anki requires of a legacy package, checked against Anki's own reader (ankitects/anki,
 * rslib): `import_export/package/meta.rs` reads a zip with no `meta` entry as the legacy
 * format, from `collection.anki2`, with `media` a JSON object of zip entry → file name;
 * `storage/upgrades/mod.rs` opens collections from `SCHEMA_MIN_VERSION = 11`; the JSON keys
 * below are the ones without a serde default in `notetype/schema11.rs`, `decks/schema11.rs`
 * and `deckconfig/schema11.rs`. The table layout is schema 11's (`storage/schema11.sql`).
 */
const REQUIRED = {
  noteType: ["id", "name", "type", "mod", "usn", "sortf", "did", "tmpls", "flds", "css"],
  field: ["name", "ord", "sticky", "rtl", "font", "size"],
  template: ["name", "ord", "qfmt"],
  deck: [
    "id",
    "name",
    "usn",
    "lrnToday",
    "revToday",
    "newToday",
    "timeToday",
    "collapsed",
    "dyn",
    "conf",
  ],
  options: ["id", "mod", "name", "usn", "maxTaken", "autoplay", "timer", "new", "rev", "lapse"],
  newOptions: ["delays", "initialFactor", "ints", "order", "perDay"],
  revOptions: ["ease4", "ivlFct", "maxIvl", "perDay"],
  lapseOptions: ["delays", "leechAction", "leechFails", "minInt", "mult"],
};

const SCHEMA_11_TABLES = {
  cards: "id nid did ord mod usn type queue due ivl factor reps lapses left odue odid flags data",
  col: "id crt mod scm ver dty usn ls conf models decks dconf tags",
  graves: "usn oid type",
  notes: "id guid mid mod usn tags flds sfld csum flags data",
  revlog: "id cid usn ease ivl lastIvl factor time type",
};

function expectKeys(value: Json, keys: readonly string[], what: string) {
  for (const key of keys) expect(value, `${what} lacks ${key}`).toHaveProperty([key]);
}

describe("the Anki package", () => {
  it("is a legacy package current Anki imports: collection.anki2 at schema 11 and a JSON media list", async () => {
    const { apkg } = await exportFixture();
    expect(apkg.entries).toEqual(["collection.anki2", "media"]);
    expect(apkg.media).toEqual({});
    expect(SCHEMA_VERSION).toBe(11);
    expect(apkg.col.ver).toBe(11);
    expect(apkg.integrity).toBe("ok");
    expect(
      Object.fromEntries(Object.entries(apkg.tables).map(([t, c]) => [t, c.join(" ")])),
    ).toEqual(SCHEMA_11_TABLES);
    expect(apkg.col.crt).toBe(Math.floor(T0.getTime() / 1000));
    expect(apkg.col.mod).toBe(T0.getTime());
    expect(JSON.parse(apkg.col.tags)).toEqual({});
    expect(apkg.conf.schedVer).toBe(2);
  });

  it("writes the two note types with the shape Anki's reader needs and stable ids", async () => {
    const { apkg } = await exportFixture();
    const models = Object.entries(apkg.models) as [string, Json][];
    expect(models.map(([, m]) => m.name).sort()).toEqual([
      "PyPrep: concept question",
      "PyPrep: predict the output",
    ]);
    for (const [key, model] of models) {
      expect(key).toBe(String(model.id));
      expect(Number.isSafeInteger(model.id)).toBe(true);
      expectKeys(model, REQUIRED.noteType, model.name);
      expect(model.type).toBe(0);
      expect(model.mod).toBe(Math.floor(T0.getTime() / 1000));
      expect(model.req).toEqual([[0, "all", [0]]]);
      for (const field of model.flds) expectKeys(field, REQUIRED.field, `${model.name} field`);
      expect(model.flds.map((f: Json) => f.ord)).toEqual(model.flds.map((_: Json, i: number) => i));
      expect(new Set(model.flds.map((f: Json) => f.id)).size).toBe(model.flds.length);
      expect(model.tmpls).toHaveLength(1);
      const [template] = model.tmpls;
      expectKeys(template, REQUIRED.template, `${model.name} template`);
      // Every {{Field}}, {{#Field}} and {{/Field}} names a field of this note type.
      const names = new Set(model.flds.map((f: Json) => f.name));
      for (const side of [template.qfmt, template.afmt]) {
        for (const [, ref] of side.matchAll(/\{\{[#/^]?([^}]+)\}\}/g)) {
          if (ref !== "FrontSide") expect(names, `${model.name}: {{${ref}}}`).toContain(ref);
        }
      }
      expect(template.afmt.startsWith("{{FrontSide}}")).toBe(true);
    }
    const byName = new Map(models.map(([, m]) => [m.name, m]));
    expect(byName.get("PyPrep: concept question").flds.map((f: Json) => f.name)).toEqual([
      ...CONCEPT_FIELDS,
    ]);
    expect(byName.get("PyPrep: predict the output").flds.map((f: Json) => f.name)).toEqual([
      ...DRILL_FIELDS,
    ]);
  });

  it("puts each level's notes in its own deck under PyPrep, with the options Anki needs", async () => {
    const { apkg } = await exportFixture();
    const decks = Object.entries(apkg.decks) as [string, Json][];
    for (const [key, deck] of decks) {
      expect(key).toBe(String(deck.id));
      expectKeys(deck, REQUIRED.deck, `deck ${deck.name}`);
      expect(deck.dyn).toBe(0);
      expect(deck.conf).toBe(1);
    }
    expect(decks.map(([, d]) => d.name).sort()).toEqual([
      "Default",
      "PyPrep",
      "PyPrep::Expert",
      "PyPrep::Fresher",
      "PyPrep::Intermediate",
    ]);
    const options = apkg.dconf["1"];
    expectKeys(options, REQUIRED.options, "options group");
    expectKeys(options.new, REQUIRED.newOptions, "new-card options");
    expectKeys(options.rev, REQUIRED.revOptions, "review options");
    expectKeys(options.lapse, REQUIRED.lapseOptions, "lapse options");

    const deckName = new Map(decks.map(([, d]) => [d.id, d.name]));
    const noteById = new Map(apkg.notes.map((n) => [n.id, n]));
    expect(apkg.cards).toHaveLength(apkg.notes.length);
    for (const card of apkg.cards) {
      const note = noteById.get(card.nid);
      expect(note, `card ${card.id} has a note`).toBeDefined();
      const level = note?.tags.find((t) => t.startsWith("PyPrep::level::"))?.split("::")[2] ?? "";
      expect(deckName.get(card.did)).toBe(`PyPrep::${level[0]?.toUpperCase()}${level.slice(1)}`);
      expect([card.ord, card.type, card.queue]).toEqual([0, 0, 0]);
    }
    expect(apkg.cards.map((c) => c.due)).toEqual(apkg.cards.map((_, i) => i + 1));
  });

  it("holds a concept note and a drill note per question, with fields, tags and checksums", async () => {
    const { apkg, pkg } = await exportFixture();
    expect(pkg).toMatchObject({ questions: 3, notes: 6, drills: 3 });
    expect(apkg.notes).toHaveLength(6);
    const concept = apkg.byGuid.get(noteGuid("nested-freezing"));
    expect(concept?.noteType).toBe("PyPrep: concept question");
    expect(concept?.tags).toEqual([
      "PyPrep::level::intermediate",
      "PyPrep::topic::data-structures",
    ]);
    const fields = concept?.named ?? {};
    expect(fields.Question).toBe("Why does freezing a nested structure need **recursion**?");
    expect(fields.Context).toBe(
      "<p>Optional extra context for the question (Markdown, may hold code).</p>",
    );
    expect(fields.Answer).toContain("<p>Because each level is its own object;");
    // Python in the answer is highlighted, and escaped.
    expect(fields.Answer).toContain(
      `<span class="${SYNTAX_CLASSES.comment}"># one level &lt;at&gt; a time</span>`,
    );
    expect(fields["Key points"]).toBe(
      [
        "<ul>",
        "<li>Lists are mutable; a tuple cannot be changed after it is built.</li>",
        "<li>Tuples of hashable items are hashable, so they work as dict keys.</li>",
        "<li>Pick a list for a growing collection of like items, a tuple for a fixed record.</li>",
        "</ul>",
      ].join("\n"),
    );
    expect(fields.Examples).toContain("<h4>Example: a tuple refuses assignment</h4>");
    expect(fields.Examples).toContain(`<span class="${SYNTAX_CLASSES.keyword}">try</span>`);
    expect(fields.Examples).toContain(
      '<pre class="output">&#39;tuple&#39; object does not support item assignment</pre>',
    );
    expect(fields.Source).toBe("Intermediate · Data structures · nested-freezing");
    expect(concept?.sfld).toBe("Why does freezing a nested structure need **recursion**?");
    expect(concept?.csum).toBe(
      Number.parseInt(
        createHash("sha1")
          .update(concept?.sfld ?? "")
          .digest("hex")
          .slice(0, 8),
        16,
      ),
    );

    const drill = apkg.byGuid.get(noteGuid("nested-freezing/drill-1"));
    expect(drill?.noteType).toBe("PyPrep: predict the output");
    expect(drill?.tags).toEqual(concept?.tags);
    expect(drill?.named.Title).toBe("Predict the output");
    expect(drill?.named.Prompt).toBe("<p>Optional prose: the prompt the candidate sees.</p>");
    expect(drill?.named.Code).toBe(
      `<span class="${SYNTAX_CLASSES.function}">print</span>(<span class="${SYNTAX_CLASSES.string}">&quot;a &lt; b &amp; c&quot;</span>)\n` +
        `<span class="${SYNTAX_CLASSES.function}">print</span>(<span class="${SYNTAX_CLASSES.number}">1</span> <span class="${SYNTAX_CLASSES.keyword}">if</span> [] <span class="${SYNTAX_CLASSES.keyword}">else</span> <span class="${SYNTAX_CLASSES.number}">2</span>)`,
    );
    expect(drill?.named.Output).toBe('<pre class="output">a &lt; b &amp; c\n2</pre>');
    expect(drill?.named.Explanation).toBe(
      "<p>Optional explanation, shown after the candidate answers.</p>",
    );
    expect(drill?.named.Stdin).toBe("");

    const expert = apkg.byGuid.get(noteGuid("thread-safe-counter"));
    expect(expert?.tags).toEqual([
      "PyPrep::level::expert",
      "PyPrep::topic::concurrency",
      "PyPrep::topic::data-structures",
    ]);
  });

  it("styles code for light and dark mode (.nightMode and .night_mode)", async () => {
    const { apkg } = await exportFixture();
    for (const model of Object.values(apkg.models) as Json[]) {
      for (const cls of Object.values(SYNTAX_CLASSES)) {
        expect(model.css).toMatch(new RegExp(`\\.pyprep \\.${cls} \\{ color: #`));
        expect(model.css).toContain(`.nightMode .pyprep .${cls}, .night_mode .pyprep .${cls} {`);
      }
      expect(model.css).toContain(".card.nightMode, .card.night_mode");
    }
  });

  it("keeps GUIDs, note type, field, template and deck ids across exports; notes get newer", async () => {
    const first = (await exportFixture()).apkg;
    const second = openApkg((await buildAnkiPackage(fixtureBank(), { now: T1 })).bytes);
    const guids = (a: typeof first) => a.notes.map((n) => n.guid).sort();
    expect(guids(second)).toEqual(guids(first));
    expect(new Set(guids(first)).size).toBe(first.notes.length);
    const shape = (a: typeof first) =>
      Object.values(a.models as Record<string, Json>).map((m) => ({
        id: m.id,
        fields: m.flds.map((f: Json) => [f.name, f.id]),
        templates: m.tmpls.map((t: Json) => [t.name, t.id]),
      }));
    expect(shape(second)).toEqual(shape(first));
    const deckIds = (a: typeof first) =>
      Object.values(a.decks as Record<string, Json>).map((d) => [d.name, d.id]);
    expect(deckIds(second)).toEqual(deckIds(first));
    // Anki updates a note it has when the incoming one is newer (rslib apkg/import/notes.rs).
    for (const note of second.notes) {
      expect(note.mod).toBeGreaterThan(
        first.byGuid.get(note.guid)?.mod ?? Number.POSITIVE_INFINITY,
      );
    }
  });

  it("keeps a note's GUID when its question's text changes, and carries the new text", async () => {
    const before = (await exportFixture()).apkg;
    const edited = FIXTURE_FILES.map((file) =>
      file.path === "fresher/list-vs-tuple.md"
        ? variant({
            id: "list-vs-tuple",
            level: "fresher",
            topics: "[data-structures, types]",
            h1: "List or tuple: which, and why?",
            answer: "A rewritten answer.",
          })
        : file,
    );
    const after = openApkg((await buildAnkiPackage(fixtureBank(edited), { now: T1 })).bytes);
    const guid = noteGuid("list-vs-tuple");
    expect(before.byGuid.get(guid)?.named.Question).toBe(
      "What is the difference between a list and a tuple?",
    );
    expect(after.byGuid.get(guid)?.named.Question).toBe("List or tuple: which, and why?");
    expect(after.byGuid.get(guid)?.named.Answer).toBe("<p>A rewritten answer.</p>");
    expect(after.byGuid.get(guid)?.mid).toBe(before.byGuid.get(guid)?.mid);
    expect(after.notes.map((n) => n.guid).sort()).toEqual(before.notes.map((n) => n.guid).sort());
  });

  it("exports only the chosen levels and topics, with only their decks", async () => {
    const { apkg, pkg } = await exportFixture({ levels: ["fresher"] });
    expect(pkg.decks).toEqual(["PyPrep", "PyPrep::Fresher"]);
    expect(apkg.notes.map((n) => n.guid).sort()).toEqual(
      [noteGuid("list-vs-tuple"), noteGuid("list-vs-tuple/drill-1")].sort(),
    );
    const byTopic = await exportFixture({ topics: ["concurrency"] });
    expect(byTopic.pkg.decks).toEqual(["PyPrep", "PyPrep::Expert"]);
    expect(byTopic.pkg.questions).toBe(1);
    await expect(
      buildAnkiPackage(fixtureBank(), { now: T0, levels: ["fresher"], topics: ["concurrency"] }),
    ).rejects.toBeInstanceOf(EmptyExportError);
  });

  it("reports progress per question, ending at the total", async () => {
    const seen: [number, number][] = [];
    await exportFixture({ onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it("holds every concept and drill of the bundled bank, each note once", async () => {
    const { bank } = await loadBank();
    const pkg = await buildAnkiPackage(bank, { now: T0 });
    const apkg = openApkg(pkg.bytes);
    const expected = bank.questions.flatMap((q) => [
      ...(q.answer.trim() ? [q.id] : []),
      ...q.drills.map((d) => `${q.id}/${d.key}`),
    ]);
    expect(apkg.notes.map((n) => n.guid).sort()).toEqual(expected.map(noteGuid).sort());
    for (const question of bank.questions) {
      const note = apkg.byGuid.get(noteGuid(question.id));
      expect(note?.fields, question.id).toHaveLength(CONCEPT_FIELDS.length);
      expect(note?.named.Examples?.match(/<div class="example">/g)?.length, question.id).toBe(
        question.examples.length,
      );
      for (const drill of question.drills) {
        const drillNote = apkg.byGuid.get(noteGuid(`${question.id}/${drill.key}`));
        expect(drillNote?.fields, `${question.id}/${drill.key}`).toHaveLength(DRILL_FIELDS.length);
      }
    }
  }, 120_000);
});

import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import type { DeckSpec } from "./decks.ts";
import { NOTE_TYPES, noteTypeJson } from "./note-types.ts";
import type { AnkiNote } from "./notes.ts";

/**
 * The collection format every Anki since 2.0 imports: `col.ver` 11, the JSON-in-`col`
 * layout (`models`, `decks`, `dconf`, `conf`, `tags`). Current Anki (rslib
 * `storage/upgrades/mod.rs`: `SCHEMA_MIN_VERSION = 11`) opens it and upgrades it in
 * memory while importing; a package holding only `collection.anki2` and no `meta` file
 * is read as the legacy format (rslib `import_export/package/meta.rs`).
 */
export const SCHEMA_VERSION = 11;

const SCHEMA = `
CREATE TABLE col (
  id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL,
  tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
  lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,
  time integer NOT NULL, type integer NOT NULL
);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/** Anki's field separator inside `notes.flds`. */
export const FIELD_SEPARATOR = "\x1f";

/** The built-in Default deck and options group every collection has (id 1). */
const DEFAULT_ID = 1;

export interface CollectionInput {
  notes: readonly AnkiNote[];
  decks: readonly DeckSpec[];
  now: Date;
}

/** The whole `collection.anki2` file, as bytes. */
export function writeCollection(input: CollectionInput): Buffer {
  const nowMs = input.now.getTime();
  const nowS = Math.floor(nowMs / 1000);
  const db = new Database(":memory:");
  try {
    db.exec(SCHEMA);
    const defaultDeck = input.decks[0]?.id ?? DEFAULT_ID;
    db.prepare("INSERT INTO col VALUES (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, '{}')").run(
      nowS,
      nowMs,
      nowMs,
      SCHEMA_VERSION,
      JSON.stringify(
        collectionConf(defaultDeck, noteTypeJson(NOTE_TYPES[0], nowS, defaultDeck).id),
      ),
      JSON.stringify(
        Object.fromEntries(
          NOTE_TYPES.map((spec) => {
            const json = noteTypeJson(spec, nowS, defaultDeck);
            return [String(json.id), json];
          }),
        ),
      ),
      JSON.stringify(decksJson(input.decks, nowS)),
      JSON.stringify({ [DEFAULT_ID]: defaultOptions(nowS) }),
    );
    const insertNote = db.prepare("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')");
    const insertCard = db.prepare(
      "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')",
    );
    const noteTypeIds = new Map(
      NOTE_TYPES.map((spec) => [spec.key, noteTypeJson(spec, nowS, defaultDeck).id]),
    );
    db.transaction(() => {
      input.notes.forEach((note, index) => {
        // Ids only need to be unique here (Anki re-keys on import, matching notes by GUID);
        // Anki reads them as creation times, so they count up from the export's clock.
        const id = nowMs + index;
        const sortField = plainText(note.fields[0] ?? "");
        insertNote.run(
          id,
          note.guid,
          noteTypeIds.get(note.noteType.key),
          nowS,
          ` ${note.tags.join(" ")} `,
          note.fields.join(FIELD_SEPARATOR),
          sortField,
          fieldChecksum(sortField),
        );
        // New cards are shown in `due` order: the bank's order.
        insertCard.run(id, id, note.deckId, nowS, index + 1);
      });
    })();
    return db.serialize();
  } finally {
    db.close();
  }
}

/** `col.conf`: collection-wide settings; Anki copies them into its config table. */
function collectionConf(deckId: number, noteTypeId: number) {
  return {
    activeDecks: [deckId],
    curDeck: deckId,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: noteTypeId,
    nextPos: 1,
    sortType: "noteFld",
    sortBackwards: false,
    addToCur: true,
    schedVer: 2,
  };
}

/**
 * `col.decks`, keys as rslib `decks/schema11.rs` reads them (`NormalDeckSchema11`).
 * The decks use options group 1, the importer's own Default, so importing never adds
 * or changes anyone's study options.
 */
function decksJson(decks: readonly DeckSpec[], nowS: number) {
  const deck = (id: number, name: string, desc: string) => ({
    id,
    mod: nowS,
    name,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc,
    dyn: 0,
    conf: DEFAULT_ID,
    extendNew: 0,
    extendRev: 0,
  });
  return Object.fromEntries([
    [String(DEFAULT_ID), deck(DEFAULT_ID, "Default", "")],
    ...decks.map((spec) => [String(spec.id), deck(spec.id, spec.name, spec.description)]),
  ]);
}

/** `col.dconf`: the Default options group, with the keys `DeckConfSchema11` requires. */
function defaultOptions(nowS: number) {
  return {
    id: DEFAULT_ID,
    mod: nowS,
    name: "Default",
    usn: -1,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: {
      bury: false,
      delays: [1, 10],
      initialFactor: 2500,
      ints: [1, 4, 0],
      order: 1,
      perDay: 20,
    },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  };
}

/** What Anki sorts and checks duplicates by: the field with tags and entities removed. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&")
    .trim();
}

/** Anki's `csum`: the first 8 hex digits of the SHA-1 of the plain sort field. */
export function fieldChecksum(text: string): number {
  return Number.parseInt(createHash("sha1").update(text, "utf8").digest("hex").slice(0, 8), 16);
}

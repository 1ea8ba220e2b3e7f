import { createHash } from "node:crypto";

/**
 * Anki's own GUID alphabet (base 91: letters, digits and 29 punctuation marks), so our
 * GUIDs look like the ones Anki makes and survive every tool that round-trips them.
 */
const BASE91 =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/**
 * A note's GUID from its PyPrep key (`list-vs-tuple`, `list-vs-tuple/drill-1`): the same
 * key gives the same GUID in every export, which is how Anki recognises a note it has
 * imported before and updates it instead of adding a copy. Never derived from text, so
 * rewording a question keeps its note (and the cards' review history in Anki).
 */
export function noteGuid(key: string): string {
  let value = digest(`pyprep-note:${key}`).readBigUInt64BE(0);
  let guid = "";
  do {
    guid = BASE91[Number(value % 91n)] + guid;
    value /= 91n;
  } while (value > 0n);
  return guid;
}

/** Far above Anki's own small ids (1 is the Default deck and options group). */
const ID_BASE = 1_000_000_000_000;

/**
 * A stable numeric id (note type, deck, field, template) from a name that never
 * changes. 48 bits of a hash above `ID_BASE` stays below 2^53, so it is exact in
 * JavaScript and in Anki's i64 alike.
 */
export function stableId(name: string): number {
  return ID_BASE + digest(`pyprep-id:${name}`).readUIntBE(0, 6);
}

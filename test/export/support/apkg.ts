import Database from "better-sqlite3";
import { unzipSync } from "fflate";

// biome-ignore lint/suspicious/noExplicitAny: Anki's JSON columns, checked key by key by the tests.
export type Json = any;

export interface ApkgNote {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  usn: number;
  tags: string[];
  fields: string[];
  sfld: string;
  csum: number;
}

export interface ApkgCard {
  id: number;
  nid: number;
  did: number;
  ord: number;
  type: number;
  queue: number;
  due: number;
}

/** An .apkg opened the way Anki does: the zip, then the SQLite collection inside. */
export interface OpenedApkg {
  entries: string[];
  media: Json;
  col: Json;
  models: Json;
  decks: Json;
  dconf: Json;
  conf: Json;
  tables: Record<string, string[]>;
  notes: ApkgNote[];
  cards: ApkgCard[];
  /** Notes by GUID, with their note type's name and field names. */
  byGuid: Map<string, ApkgNote & { noteType: string; named: Record<string, string> }>;
  integrity: string;
}

export function openApkg(bytes: Uint8Array): OpenedApkg {
  const zip = unzipSync(bytes);
  const collection = zip["collection.anki2"];
  if (!collection) throw new Error(`no collection.anki2 in ${Object.keys(zip).join(", ")}`);
  const media = JSON.parse(new TextDecoder().decode(zip.media ?? new Uint8Array()));
  const db = new Database(Buffer.from(collection), { readonly: true });
  try {
    const col = db.prepare("SELECT * FROM col").all() as Json[];
    if (col.length !== 1) throw new Error(`col has ${col.length} rows`);
    const row = col[0];
    const tables: Record<string, string[]> = {};
    for (const { name } of db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[]) {
      tables[name] = (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
    }
    const notes = (db.prepare("SELECT * FROM notes ORDER BY id").all() as Json[]).map(
      (n): ApkgNote => ({
        id: n.id,
        guid: n.guid,
        mid: n.mid,
        mod: n.mod,
        usn: n.usn,
        tags: n.tags.trim().split(/\s+/).filter(Boolean),
        fields: n.flds.split("\x1f"),
        sfld: n.sfld,
        csum: n.csum,
      }),
    );
    const cards = db.prepare("SELECT * FROM cards ORDER BY id").all() as ApkgCard[];
    const models = JSON.parse(row.models);
    const byGuid = new Map(
      notes.map((note) => {
        const model = models[String(note.mid)];
        const named = Object.fromEntries(
          (model?.flds ?? []).map((f: Json, i: number) => [f.name, note.fields[i]]),
        );
        return [note.guid, { ...note, noteType: model?.name, named }];
      }),
    );
    const integrity = (db.prepare("PRAGMA integrity_check").get() as Json).integrity_check;
    return {
      entries: Object.keys(zip).sort(),
      media,
      col: row,
      models,
      decks: JSON.parse(row.decks),
      dconf: JSON.parse(row.dconf),
      conf: JSON.parse(row.conf),
      tables,
      notes,
      cards,
      byGuid,
      integrity,
    };
  } finally {
    db.close();
  }
}

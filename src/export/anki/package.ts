import { type AsyncZippable, zip } from "fflate";
import type { Bank } from "../../content/bank.ts";
import {
  cooperativeYield,
  type ExportFilter,
  type ProgressListener,
  selectQuestions,
} from "../select.ts";
import { writeCollection } from "./collection.ts";
import { decksFor } from "./decks.ts";
import { type AnkiNote, notesForQuestion } from "./notes.ts";

/** The file names a legacy package holds (rslib `import_export/package/meta.rs`). */
export const COLLECTION_FILE = "collection.anki2";
/** Legacy packages list their media as a JSON object `{"0": "name.png"}`; ours has none. */
export const MEDIA_FILE = "media";

export interface AnkiExportOptions extends ExportFilter {
  /** The export's clock: note modification times (newer notes replace older ones on import). */
  now: Date;
  onProgress?: ProgressListener;
}

export interface AnkiPackage {
  /** The `.apkg` file. */
  bytes: Uint8Array;
  questions: number;
  notes: number;
  drills: number;
  decks: string[];
}

/** Nothing matched the filter: an empty deck would import as nothing, so it is refused. */
export class EmptyExportError extends Error {
  constructor() {
    super("no questions match these filters");
    this.name = "EmptyExportError";
  }
}

/**
 * The bank (or the part `levels`/`topics` select) as an Anki package: a zip holding a
 * schema-11 `collection.anki2` and an empty `media` list. Notes are found again by GUID on
 * the next import, so importing a newer export updates them and keeps their reviews.
 */
export async function buildAnkiPackage(
  bank: Bank,
  options: AnkiExportOptions,
): Promise<AnkiPackage> {
  const questions = selectQuestions(bank, options);
  if (questions.length === 0) throw new EmptyExportError();
  const titles = new Map(bank.topics.map((topic) => [topic.id, topic.title]));
  const topicTitle = (id: string) => titles.get(id) ?? id;
  // Rendering the Markdown is the slow part (seconds for the whole bank): it yields to
  // the event loop as it goes and reports progress per question.
  const pause = cooperativeYield();
  const notes: AnkiNote[] = [];
  options.onProgress?.(0, questions.length);
  for (const [index, question] of questions.entries()) {
    notes.push(...notesForQuestion(question, topicTitle));
    options.onProgress?.(index + 1, questions.length);
    await pause();
  }
  const decks = decksFor(questions.map((q) => q.level));
  const collection = writeCollection({ notes, decks, now: options.now });
  const mtime = options.now;
  const bytes = await zipAsync({
    [COLLECTION_FILE]: [new Uint8Array(collection), { mtime }],
    [MEDIA_FILE]: [new TextEncoder().encode("{}"), { mtime }],
  });
  return {
    bytes,
    questions: questions.length,
    notes: notes.length,
    drills: notes.filter((note) => note.noteType.key === "drill").length,
    decks: decks.map((deck) => deck.name),
  };
}

/** fflate's asynchronous zip deflates in a worker thread, off the server's event loop. */
function zipAsync(files: AsyncZippable): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    zip(files, { level: 6 }, (error, data) => (error ? reject(error) : resolve(data))),
  );
}

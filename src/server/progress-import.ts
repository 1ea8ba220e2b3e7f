import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { finished } from "node:stream/promises";
import { JSONParser, TokenType } from "@streamparser/json";
import { type FileProblem, ProgressFileError } from "../store/errors.ts";
import type { Store } from "../store/store.ts";
import {
  EXPORT_FORMAT,
  EXPORT_HEADER_FIELDS,
  EXPORT_SECTIONS,
  type ExportSection,
  exportChecks,
  type ImportSummary,
  isOptional,
  MAX_FILE_PROBLEMS,
} from "../store/transfer.ts";
import { ApiError } from "./http/errors.ts";
import { storageFailure } from "./http/storage-errors.ts";

/**
 * A progress import may be this large: about a million reviews, decades of daily
 * study. The body goes to a temporary file, never into memory whole.
 */
export const IMPORT_LIMIT_BYTES = 512 * 1024 * 1024;
/** Entries per store call: one transaction each, a few MB of memory at most. */
const ENTRIES_PER_BATCH = 5_000;

/**
 * Imports a progress file of any size with bounded memory. The body is spooled to a
 * temporary file while its UTF-8 is checked; a streaming pass checks every entry
 * (reporting every problem, up to MAX_FILE_PROBLEMS) so a bad file changes nothing;
 * then the checked entries go to the store in batches. A file that
 * fits one batch is imported in one transaction; a larger one batch by batch, and
 * since every entry is keyed, importing it again after a failure finishes the job.
 */
export async function importProgressStream(input: {
  body: AsyncIterable<Uint8Array>;
  store: Store;
  userId: string;
  now: Date;
}): Promise<ImportSummary> {
  const dir = await mkdtemp(path.join(tmpdir(), "pyprep-import-"));
  const file = path.join(dir, "progress.json");
  const entries = path.join(dir, "entries.jsonl");
  try {
    const size = await spool(input.body, file);
    if (size === 0) {
      throw new ProgressFileError("the file is empty", [
        { field: "file", reason: "has no content: choose a PyPrep progress export (.json)" },
      ]);
    }
    const header = await checkFile(file, size, entries, input.now);
    return await importBatches(entries, header, input);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes the body to `file`, checking that it is UTF-8 as it goes; returns its size. */
async function spool(body: AsyncIterable<Uint8Array>, file: string): Promise<number> {
  const out = createWriteStream(file);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let size = 0;
  try {
    for await (const chunk of body) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        throw notJson(`is not UTF-8 text (at about byte ${size}): is it a PyPrep progress export?`);
      }
      size += chunk.byteLength;
      if (!out.write(chunk)) await new Promise((done) => out.once("drain", done));
    }
    try {
      decoder.decode();
    } catch {
      throw notJson("ends in the middle of a UTF-8 character: it was cut off");
    }
  } finally {
    out.end();
    await finished(out);
  }
  return size;
}

type Header = Record<(typeof EXPORT_HEADER_FIELDS)[number], unknown>;

/**
 * The one streaming pass: the whole file checked, nothing written to the database.
 * Each checked entry is also written, one JSON line each, to `entries`, which the
 * import then reads back with plain `JSON.parse` (five times faster than parsing the
 * file a second time). Returns the file's top-level fields.
 */
async function checkFile(file: string, size: number, entries: string, now: Date): Promise<Header> {
  const checks = exportChecks(now);
  const problems: FileProblem[] = [];
  const out = createWriteStream(entries);
  let header: Header;
  try {
    header = await scan(
      file,
      size,
      (section, index, value) => {
        problems.push(...checks.element(section, index, value));
        if (problems.length === 0) out.write(`${JSON.stringify([section, value])}\n`);
        return problems.length < MAX_FILE_PROBLEMS;
      },
      async () => {
        if (out.writableNeedDrain) await new Promise((done) => out.once("drain", done));
      },
    );
  } finally {
    out.end();
    await finished(out);
  }
  // The scan stops early at MAX_FILE_PROBLEMS; a foreign file must still say so first.
  const formatError = checks.format(header.format, header.version);
  if (formatError) throw formatError;
  if (problems.length < MAX_FILE_PROBLEMS) problems.unshift(...checks.header(header));
  if (problems.length > 0) {
    throw new ProgressFileError(
      "this progress file has invalid entries",
      problems.slice(0, MAX_FILE_PROBLEMS),
    );
  }
  return header;
}

/** The entries to the store, a batch (one transaction) at a time. */
async function importBatches(
  entries: string,
  header: Header,
  input: { store: Store; userId: string },
): Promise<ImportSummary> {
  const total: ImportSummary = {
    reviewsAdded: 0,
    reviewsAlreadyPresent: 0,
    cardStatesWritten: 0,
    cardStatesKept: 0,
    mockResultsAdded: 0,
    interviewsAdded: 0,
    interviewsUpdated: 0,
    interviewsKept: 0,
  };
  let batch = emptyBatch();
  let count = 0;
  let flushed = false;
  const flush = async () => {
    const summary = await input.store
      .importProgress(input.userId, { ...header, ...batch })
      .catch((error: unknown) => {
        throw partly(error, total);
      });
    for (const key of Object.keys(total) as (keyof ImportSummary)[]) total[key] += summary[key];
    batch = emptyBatch();
    count = 0;
    flushed = true;
  };
  const lines = createInterface({ input: createReadStream(entries), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const [section, value] = JSON.parse(line) as [ExportSection, unknown];
    batch[section].push(value);
    if (++count >= ENTRIES_PER_BATCH) await flush();
  }
  // One call even for a file with no entries: its settings are imported too.
  if (count > 0 || !flushed) await flush();
  return total;
}

function emptyBatch(): Record<ExportSection, unknown[]> {
  return { cardStates: [], reviews: [], mockResults: [], interviews: [] };
}

/** A failure after some batches landed says so: importing the file again finishes it. */
function partly(error: unknown, done: ImportSummary): unknown {
  const written =
    done.reviewsAdded +
    done.cardStatesWritten +
    done.mockResultsAdded +
    done.interviewsAdded +
    done.interviewsUpdated;
  if (written === 0) return error;
  const failure = storageFailure(error);
  if (!failure) return error;
  return new ApiError(
    503,
    `${failure.message}: the import stopped part-way, after ${done.reviewsAdded} new reviews; import the same file again to finish it`,
    [],
    { "Retry-After": "5" },
  );
}

/**
 * Streams `file` through a JSON parser: top-level fields are collected and returned,
 * each element of the sections is passed to `visit` as it completes (return
 * false to stop early). Never holds more than one element, whatever the file's size.
 * `between`, when given, runs after each chunk of the file: the place to await.
 */
async function scan(
  file: string,
  size: number,
  visit: (section: ExportSection, index: number, value: unknown) => boolean,
  between?: () => Promise<void>,
): Promise<Header> {
  const parser = new JSONParser({
    paths: [
      ...EXPORT_HEADER_FIELDS.map((f) => `$.${f}`),
      ...EXPORT_SECTIONS.map((s) => `$.${s}.*`),
    ],
    keepStack: false,
  });
  const header: Partial<Header> = {};
  const kinds = topLevelKinds(parser);
  let failure: Error | undefined;
  let stopped = false;
  let offset = 0;
  parser.onError = (error) => {
    failure ??= error;
  };
  parser.onValue = ({ value, key, stack }) => {
    if (stopped) return;
    if (stack.length === 1) {
      header[key as keyof Header] = value;
      return;
    }
    const section = stack[1]?.key as ExportSection;
    if (typeof key !== "number") return; // an object where a list belongs: reported below
    if (!visit(section, key, value)) stopped = true;
  };

  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    if (stopped || failure || parser.isEnded) {
      if (parser.isEnded && !stopped && !failure && /\S/.test(chunk.toString("latin1"))) {
        throw notJson(`has more after its end, at about byte ${offset}`);
      }
      if (stopped || failure) break;
      offset += chunk.length;
      continue;
    }
    parser.write(chunk as Uint8Array);
    offset += chunk.length;
    if (between && !stopped && !failure) await between();
  }
  if (!stopped && !failure && !parser.isEnded) {
    try {
      parser.end();
    } catch (error) {
      failure ??= error as Error;
    }
  }
  if (stopped) return header as Header;
  if (kinds.root !== "object") {
    throw new ProgressFileError("this is not a PyPrep progress file", [
      {
        field: "file",
        reason:
          kinds.root === undefined
            ? "is not JSON text"
            : `is a JSON ${kinds.root}, not an object with "format": "${EXPORT_FORMAT}"`,
      },
    ]);
  }
  // A foreign file says so first, whatever else is wrong with it.
  const formatError = exportChecks(new Date()).format(header.format, header.version);
  if (formatError && (header.format !== EXPORT_FORMAT || !failure)) throw formatError;
  if (failure) throw syntaxProblem(failure, size);
  for (const section of EXPORT_SECTIONS) {
    const kind = kinds.values.get(section);
    if (kind === undefined && isOptional(section)) continue; // an older file: none of them
    if (kind !== "array") {
      throw new ProgressFileError("this progress file is damaged", [
        { field: section, reason: kind ? `must be a list, not ${kind}` : "is missing" },
      ]);
    }
  }
  return header as Header;
}

type Kind = "object" | "array" | "string" | "number" | "boolean" | "null";

/** Watches the tokens to learn the root's type and the type of each top-level value. */
function topLevelKinds(parser: JSONParser): { root: Kind | undefined; values: Map<string, Kind> } {
  const result = { root: undefined as Kind | undefined, values: new Map<string, Kind>() };
  let depth = 0;
  let keyNext = false;
  let key: string | undefined;
  parser.onToken = ({ token, value }) => {
    const kind = kindOf(token);
    result.root ??= kind;
    if (depth === 1 && result.root === "object") {
      if (keyNext && token === TokenType.STRING) {
        key = String(value);
        keyNext = false;
      } else if (token === TokenType.COMMA) {
        keyNext = true;
      } else if (key !== undefined && kind) {
        result.values.set(key, kind);
        key = undefined;
      }
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      if (depth === 0) keyNext = true;
      depth++;
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      depth--;
    }
  };
  return result;
}

function kindOf(token: TokenType): Kind | undefined {
  switch (token) {
    case TokenType.LEFT_BRACE:
      return "object";
    case TokenType.LEFT_BRACKET:
      return "array";
    case TokenType.STRING:
      return "string";
    case TokenType.NUMBER:
      return "number";
    case TokenType.TRUE:
    case TokenType.FALSE:
      return "boolean";
    case TokenType.NULL:
      return "null";
    default:
      return undefined;
  }
}

/** The parser's error as something a person can act on: cut off, or not JSON, and where. */
function syntaxProblem(error: Error, size: number): ProgressFileError {
  if (/ended in|Unexpected end|mid-parsing/i.test(error.message)) {
    return new ProgressFileError("the file is incomplete", [
      {
        field: "file",
        reason: `ends after ${size} bytes, in the middle of the data: it was cut off (an unfinished download or copy); export it again`,
      },
    ]);
  }
  const at = /absolute position "?(\d+)"?/.exec(error.message)?.[1];
  return notJson(`is not valid JSON${at ? ` at byte ${at}` : ""}: was it edited by hand?`);
}

function notJson(reason: string): ProgressFileError {
  return new ProgressFileError(`this is not a readable PyPrep progress file`, [
    { field: "file", reason },
  ]);
}

import { createHash } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import type { Bank } from "../../content/bank.ts";
import type { Level } from "../../content/schema.ts";
import { type AnkiPackage, buildAnkiPackage, EmptyExportError } from "../../export/anki/package.ts";
import type { AppDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { ApiError } from "../http/errors.ts";
import { levelList, topicList } from "../http/query.ts";
import { checkQuery } from "../http/validate.ts";

/** Anki's own desktop entry registers `.apkg` files under this type. */
export const APKG_CONTENT_TYPE = "application/x-apkg";

/** Distinct filters kept built; each deck is a few hundred KB. */
const CACHED_DECKS = 16;

/**
 * `GET /api/export/anki?level=&topic=`: the bank as an Anki package (public, like the
 * bank itself). Built from the trusted bank only, never from anything a user sent but
 * the filter; built once per filter and kept, so repeated downloads cost nothing, and a
 * weak ETag from the bank's content lets a browser revalidate with a 304.
 */
export function exportRoutes(deps: AppDeps): Hono<AppEnv> {
  const { bank } = deps.view;
  const app = new Hono<AppEnv>();
  const knownTopics = new Set(bank.topics.map((t) => t.id));
  const query = z
    .object({ level: levelList.optional(), topic: topicList(knownTopics).optional() })
    .strict();
  const version = bankVersion(bank);
  const decks = new Map<string, Promise<AnkiPackage>>();

  app.get("/export/anki", async (c) => {
    const checked = checkQuery(c, query);
    const levels = [...new Set(checked.level ?? [])].sort() as Level[];
    const topics = [...new Set(checked.topic ?? [])].sort();
    const key = [levels.join(","), topics.join(",")].join(";");
    const etag = `W/"${version}-${hash(key).slice(0, 12)}"`;
    const headers = { ETag: etag, "Cache-Control": "public, no-cache" };
    if (
      c.req
        .header("if-none-match")
        ?.split(/\s*,\s*/)
        .includes(etag)
    ) {
      return c.body(null, 304, headers);
    }
    let pending = decks.get(key);
    if (!pending) {
      pending = buildAnkiPackage(bank, { levels, topics, now: deps.now() });
      decks.set(key, pending);
      // A failed build is not kept: the next request tries again.
      pending.catch(() => decks.delete(key));
      while (decks.size > CACHED_DECKS) decks.delete(decks.keys().next().value as string);
    } else {
      // Most recently used last, so the oldest filter is the one dropped.
      decks.delete(key);
      decks.set(key, pending);
    }
    let deck: AnkiPackage;
    try {
      deck = await pending;
    } catch (error) {
      if (error instanceof EmptyExportError) {
        throw new ApiError(404, "no questions match these filters", [
          { field: "level", reason: "no question has these levels and topics together" },
        ]);
      }
      throw error;
    }
    return c.body(deck.bytes as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      "Content-Type": APKG_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${fileName(levels, topics)}"`,
      "Content-Length": String(deck.bytes.byteLength),
    });
  });

  return app;
}

/** `pyprep.apkg`, `pyprep-fresher.apkg`, `pyprep-expert-asyncio.apkg`: ids only, so safe. */
export function fileName(levels: readonly string[], topics: readonly string[]): string {
  const parts = ["pyprep", ...levels, ...topics].join("-");
  return `${parts.length > 80 ? `${parts.slice(0, 80).replace(/-+$/, "")}` : parts}.apkg`;
}

/** Changes whenever any question's content does: the bank's parsed questions, hashed. */
function bankVersion(bank: Bank): string {
  return hash(JSON.stringify([bank.topics, bank.questions])).slice(0, 16);
}

function hash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

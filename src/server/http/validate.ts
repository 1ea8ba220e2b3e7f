import type { Context, MiddlewareHandler } from "hono";
import { z } from "zod";
import { MAX_JSON_DEPTH } from "../../api/limits.ts";
import { jsonValueProblem } from "../../store/codec.ts";
import { readBody } from "./body-limits.ts";
import type { AppEnv } from "./env.ts";
import { ApiError, badRequest, type ErrorDetail } from "./errors.ts";

/**
 * zod issues as the contract's `details`: the field path and a reason a person can act
 * on. An unknown key is named itself (zod reports it on the parent object).
 */
export function issuesToDetails(
  issues: readonly z.core.$ZodIssue[],
  prefix = "",
  what: "body" | "query" = "body",
): ErrorDetail[] {
  const name = (path: readonly PropertyKey[]) =>
    [prefix, ...path.map(String)].filter(Boolean).join(".");
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const reason =
        what === "query" ? "is not a parameter of this endpoint" : "is not a field here";
      return issue.keys.map((key) => ({ field: name([...issue.path, key]), reason }));
    }
    return [{ field: name(issue.path) || prefix || what, reason: issue.message }];
  });
}

export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: "body" | "query",
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw badRequest(`invalid ${what}`, issuesToDetails(result.error.issues, "", what));
  }
  return result.data;
}

const NO_QUERY = z.object({}).strict();

/**
 * The query string, checked; an unknown parameter is a 400 naming it (docs/api.md).
 * Routes that take none call it with no schema, so a typo never passes silently.
 */
export function checkQuery<T extends z.ZodType = typeof NO_QUERY>(
  c: Context,
  schema?: T,
): z.output<T> {
  return parseWith(schema ?? NO_QUERY, queryObject(c), "query") as z.output<T>;
}

/**
 * A NUL (`%00`) anywhere in the path or query string is a 400: no id or parameter holds
 * one, and PostgreSQL cannot even compare text with it.
 */
export function rejectNul(): MiddlewareHandler {
  return async function rejectNul(c, next) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(new URL(c.req.url).pathname + new URL(c.req.url).search);
    } catch {
      return next(); // malformed escapes are each route's 404 or 400
    }
    if (decoded.includes("\u0000")) {
      throw badRequest("the address holds a NUL character", [
        { field: "path", reason: "must not contain %00" },
      ]);
    }
    return next();
  };
}

/** 415 unless the body says it is JSON. */
export function requireJsonType(c: Context): void {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ApiError(415, "send the body as JSON", [
      { field: "content-type", reason: "must be application/json" },
    ]);
  }
}

/**
 * Bytes to a JSON value: strict UTF-8, valid JSON, and a value the store can write back
 * (bounded nesting, no lone surrogates). Each failure is a 400 naming where it is.
 */
export function parseJsonBytes(bytes: Uint8Array, field = "body"): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("the body is not valid UTF-8 text", [
      { field, reason: "must be UTF-8 encoded JSON" },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest("the body is not valid JSON", [
      { field, reason: (error as Error).message || "malformed JSON" },
    ]);
  }
  const problem = jsonValueProblem(value, MAX_JSON_DEPTH);
  if (problem) {
    throw badRequest("invalid body", [{ field: problem.path || field, reason: problem.reason }]);
  }
  return value;
}

/** The JSON body, checked; malformed JSON is a 400 naming the body. */
export async function jsonBody<T extends z.ZodType>(
  c: Context<AppEnv>,
  schema: T,
): Promise<z.output<T>> {
  requireJsonType(c);
  return parseWith(schema, parseJsonBytes(await readBody(c)), "body");
}

/**
 * Query strings as an object where repeated keys (`level=a&level=b`) are arrays, so one
 * schema handles both `?level=a` and `?level=a&level=b`.
 */
export function queryObject(c: Context): Record<string, string | string[]> {
  const all = c.req.queries();
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(all)) {
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

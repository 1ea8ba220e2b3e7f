import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, badRequest, type ErrorDetail } from "./errors.ts";

/** zod issues as the contract's `details`: the field path and a reason a person can act on. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[], prefix = ""): ErrorDetail[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const field = [prefix, path].filter(Boolean).join(".") || prefix || "body";
    return { field, reason: issue.message };
  });
}

export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: "body" | "query",
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw badRequest(`invalid ${what}`, issuesToDetails(result.error.issues));
  }
  return result.data;
}

/** The JSON body, checked; malformed JSON is a 400 naming the body. */
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ApiError(415, "send the body as JSON", [
      { field: "content-type", reason: "must be application/json" },
    ]);
  }
  let value: unknown;
  try {
    value = await c.req.json();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // Hono's body limit surfaces as an HTTPException with status 413; let it through.
    if ((error as { status?: number }).status === 413) throw error;
    throw badRequest("the body is not valid JSON", [
      { field: "body", reason: (error as Error).message || "malformed JSON" },
    ]);
  }
  return parseWith(schema, value, "body");
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

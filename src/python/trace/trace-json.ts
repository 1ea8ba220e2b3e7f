import { z } from "zod";
import type { Trace } from "./types.ts";

/**
 * A decoded trace as JSON (`pyprep trace --json`): types.ts's Trace with each step's heap
 * written as an object keyed by reference number. Every step carries its whole reachable
 * heap, so a reader needs no delta decoding; the wire format is schema.ts.
 */
const ref = z.number().int().positive();
const binding = z.object({ name: z.string(), ref });
const frame = z.object({
  name: z.string(),
  line: z.number().int(),
  vars: z.array(binding),
  generator: z.boolean(),
});
const length = { length: z.number().int().optional() };

export const heapObjectSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("primitive"), type: z.string(), repr: z.string(), ...length }),
  z.object({
    kind: z.enum(["list", "tuple", "set"]),
    type: z.string(),
    items: z.array(ref),
    ...length,
  }),
  z.object({
    kind: z.literal("dict"),
    type: z.string(),
    entries: z.array(z.tuple([ref, ref])),
    ...length,
  }),
  z.object({ kind: z.literal("instance"), type: z.string(), attrs: z.array(binding) }),
  z.object({
    kind: z.literal("class"),
    type: z.string(),
    name: z.string(),
    bases: z.array(z.string()),
    attrs: z.array(binding),
  }),
  z.object({
    kind: z.literal("function"),
    type: z.string(),
    name: z.string(),
    params: z.array(z.string()),
    defaults: z.array(binding),
    cells: z.array(binding),
  }),
  z.object({ kind: z.literal("cell"), type: z.string(), value: ref.nullable() }),
  z.object({
    kind: z.literal("generator"),
    type: z.string(),
    name: z.string(),
    state: z.enum(["created", "running", "suspended", "closed"]),
    frame: frame.nullable(),
  }),
  z.object({ kind: z.literal("exception"), type: z.string(), message: z.string() }),
  z.object({ kind: z.literal("other"), type: z.string(), repr: z.string() }),
]);

export const traceJsonSchema = z.object({
  steps: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      line: z.number().int(),
      event: z.enum(["call", "line", "return", "yield", "exception"]),
      frames: z.array(frame).min(1),
      heap: z.record(z.string().regex(/^\d+$/), heapObjectSchema),
      stdout: z.string(),
      returned: ref.optional(),
      exception: ref.optional(),
    }),
  ),
  end: z.object({
    status: z.enum(["done", "exception", "exit", "limit", "cut"]),
    message: z.string().optional(),
    exitCode: z.number().int().optional(),
    exception: z
      .object({
        type: z.string(),
        message: z.string(),
        line: z.string(),
        traceback: z.string(),
        at: z.number().int().optional(),
      })
      .optional(),
  }),
  stdout: z.string(),
});
export type TraceJson = z.infer<typeof traceJsonSchema>;

export function traceToJson(trace: Trace): TraceJson {
  return {
    steps: trace.steps.map(({ heap, ...step }) => ({
      ...step,
      heap: Object.fromEntries([...heap].map(([key, obj]) => [String(key), obj])),
    })),
    end: trace.end,
    stdout: trace.stdout,
  };
}

import { z } from "zod";

/**
 * The tracer's wire format (tracer.py): one JSON object a line after the marker. Keys are
 * short because the whole trace has to fit under the runner's 64 KB stdout cap; decode.ts
 * turns it into the readable types in types.ts.
 */

const ref = z.number().int().positive();
const named = z.tuple([z.string(), ref]);

const wireFrame = z.object({
  n: z.string(),
  l: z.number().int(),
  v: z.array(named),
  g: z.literal(1).optional(),
});

const wireObject = z.discriminatedUnion("k", [
  z.object({ k: z.literal("p"), t: z.string(), r: z.string(), n: z.number().int().optional() }),
  z.object({
    k: z.enum(["l", "t", "s"]),
    t: z.string(),
    i: z.array(ref),
    n: z.number().int().optional(),
  }),
  z.object({
    k: z.literal("d"),
    t: z.string(),
    i: z.array(z.tuple([ref, ref])),
    n: z.number().int().optional(),
  }),
  z.object({ k: z.literal("o"), t: z.string(), a: z.array(named) }),
  z.object({
    k: z.literal("c"),
    t: z.string(),
    nm: z.string(),
    b: z.array(z.string()).optional(),
    a: z.array(named).optional(),
  }),
  z.object({
    k: z.literal("f"),
    t: z.string(),
    nm: z.string(),
    p: z.array(z.string()),
    d: z.array(named).optional(),
    c: z.array(named).optional(),
  }),
  z.object({ k: z.literal("cell"), t: z.string(), v: ref.optional() }),
  z.object({
    k: z.literal("g"),
    t: z.string(),
    nm: z.string(),
    s: z.enum(["created", "running", "suspended", "closed"]),
    fr: wireFrame.optional(),
  }),
  z.object({ k: z.literal("x"), t: z.string(), m: z.string() }),
  z.object({ k: z.literal("r"), t: z.string(), r: z.string() }),
]);

export const wireStep = z.object({
  l: z.number().int(),
  e: z.enum(["call", "line", "return", "yield", "exception"]),
  f: z.array(wireFrame).min(1),
  h: z.record(z.string().regex(/^\d+$/), wireObject).optional(),
  o: z.string().optional(),
  r: ref.optional(),
  x: ref.optional(),
});

export const wireException = z.object({
  t: z.string(),
  m: z.string(),
  line: z.string(),
  at: z.number().int().optional(),
  tb: z.string(),
});

export const wireEnd = z.object({
  end: z.enum(["done", "exception", "limit", "exit"]),
  msg: z.string().optional(),
  x: wireException.optional(),
  code: z.number().int().optional(),
  o: z.string().optional(),
  steps: z.number().int().nonnegative(),
});

export type WireFrame = z.infer<typeof wireFrame>;
export type WireObject = z.infer<typeof wireObject>;
export type WireStep = z.infer<typeof wireStep>;
export type WireEnd = z.infer<typeof wireEnd>;

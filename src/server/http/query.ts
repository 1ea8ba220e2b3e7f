import { z } from "zod";
import { LEVELS } from "../../content/schema.ts";

/** A query parameter that may repeat: `?level=a&level=b` and `?level=a` both give a list. */
export function many<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined || Array.isArray(value) ? value : [value]),
    z.array(item).max(50),
  );
}

export const levelList = many(z.enum(LEVELS, { error: `must be one of ${LEVELS.join(", ")}` }));

/** Minutes east of UTC (`-new Date().getTimezoneOffset()` in the browser). */
export const tzOffset = z.coerce
  .number({ error: "must be a number of minutes" })
  .int("must be a whole number of minutes")
  .min(-840, "must be between -840 and 840")
  .max(840, "must be between -840 and 840")
  .default(0);

/** Topic ids known to the bank, as a zod check with the offending id in the reason. */
export function topicList(known: ReadonlySet<string>) {
  return many(
    z.string().refine((id) => known.has(id), {
      error: (issue) => `unknown topic '${String(issue.input)}'`,
    }),
  );
}

import { parse } from "yaml";
import { z } from "zod";
import type { Problem } from "./problem.ts";
import { type BankCatalog, coverageSchema, topicSchema } from "./schema.ts";

/** Reads `topics.yaml` and `coverage.yaml`; a broken catalog is a problem like any other. */
export function parseCatalog(
  topicsText: string,
  coverageText: string,
): { catalog: BankCatalog; problems: Problem[] } {
  const problems: Problem[] = [];
  const read = <T>(file: string, text: string, schema: z.ZodType<T>, fallback: T): T => {
    try {
      const result = schema.safeParse(parse(text));
      if (result.success) return result.data;
      for (const issue of result.error.issues) {
        problems.push({
          file,
          line: 1,
          column: 1,
          message: `${issue.path.join(".")}: ${issue.message}`,
        });
      }
    } catch (error) {
      problems.push({
        file,
        line: 1,
        column: 1,
        message: `not valid YAML: ${(error as Error).message}`,
      });
    }
    return fallback;
  };
  const topics = read("topics.yaml", topicsText, z.array(topicSchema), []);
  const coverage = read("coverage.yaml", coverageText, coverageSchema, {
    fresher: {},
    intermediate: {},
    expert: {},
  });
  return { catalog: { topics, coverage }, problems };
}

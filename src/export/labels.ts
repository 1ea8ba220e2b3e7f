import type { Level } from "../content/schema.ts";

/** A level as exports show it: deck names, headings, file titles. */
export const LEVEL_TITLES: Record<Level, string> = {
  fresher: "Fresher",
  intermediate: "Intermediate",
  expert: "Expert",
};

import { useSearch } from "wouter";
import type { Level } from "../../api/types.ts";
import { LEVELS } from "../../api/types.ts";

export interface StudyFilters {
  levels: Level[];
  topics: string[];
}

/** Level and topic filters live in the URL, so a filtered session can be linked and resumed. */
export function useFilters(): StudyFilters {
  const params = new URLSearchParams(useSearch());
  return {
    levels: params.getAll("level").filter((l): l is Level => LEVELS.includes(l as Level)),
    topics: params.getAll("topic"),
  };
}

export function filtersQuery(filters: StudyFilters): string {
  const params = new URLSearchParams();
  for (const level of filters.levels) params.append("level", level);
  for (const topic of filters.topics) params.append("topic", topic);
  const text = params.toString();
  return text ? `?${text}` : "";
}

import type { Question } from "../../api/types.ts";
import { api } from "../api/client.ts";

/**
 * Questions fetched once per page load. The session prefetches the next cards' questions,
 * so a candidate who loses the connection can keep studying what is already here.
 */
const cache = new Map<string, Promise<Question>>();

export function getQuestion(id: string): Promise<Question> {
  let pending = cache.get(id);
  if (!pending) {
    pending = api<Question>(`/api/questions/${encodeURIComponent(id)}`);
    // A failed fetch must not stick: the next attempt asks again.
    pending.catch(() => cache.delete(id));
    cache.set(id, pending);
  }
  return pending;
}

export function prefetchQuestions(ids: readonly string[]): void {
  for (const id of ids) getQuestion(id).catch(() => {});
}

/**
 * What a mock in progress keeps in this browser besides the server's state: the draft
 * being typed for each question, the time spent on each, and where the candidate was.
 * The server has the answers and the clock; this only spares a reload the typing.
 */
export interface LocalMockState {
  current: number;
  drafts: Record<string, string>;
  /** Milliseconds spent on each question so far, over every visit. */
  times: Record<string, number>;
}

const key = (id: string) => `pyprep.mock.${id}`;

export function loadLocal(id: string): LocalMockState {
  try {
    const parsed = JSON.parse(localStorage.getItem(key(id)) ?? "null") as LocalMockState | null;
    if (parsed && typeof parsed.current === "number") {
      return { current: parsed.current, drafts: parsed.drafts ?? {}, times: parsed.times ?? {} };
    }
  } catch {
    // A damaged entry is as good as none.
  }
  return { current: -1, drafts: {}, times: {} };
}

export function saveLocal(id: string, state: LocalMockState): void {
  try {
    localStorage.setItem(key(id), JSON.stringify(state));
  } catch {
    // Storage full or off: the mock still works, a reload just loses the draft.
  }
}

export function clearLocal(id: string): void {
  localStorage.removeItem(key(id));
}

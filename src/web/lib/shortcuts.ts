import { type RefObject, useEffect, useRef } from "react";

/** True while the user types into a field, where plain keys must stay plain keys. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest(".cm-editor")) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "range", "file"].includes(target.type);
  }
  return false;
}

export interface ShortcutOptions {
  /** Also fire while focus is in a text field (for Ctrl+Enter and Esc). */
  inFields?: boolean;
  enabled?: boolean;
  /** Off for keys the browser must still see (Esc closes dialogs natively). */
  preventDefault?: boolean;
  /**
   * Only while focus is inside this element (a page with several editors gives each its own
   * keys); without it the keys work from anywhere on the page.
   */
  scope?: RefObject<HTMLElement | null>;
}

/**
 * Key combinations and what they do, e.g. `{ "mod+Enter": run, "alt+r": reset }`. A combo is
 * the key with modifiers: "mod+Enter" (Ctrl, or Cmd on a Mac), "shift+mod+Enter", " ", "1".
 */
export type ShortcutTable = Readonly<Record<string, ((event: KeyboardEvent) => void) | undefined>>;

/** Binds a table of key combinations for as long as the component is mounted. */
export function useShortcuts(table: ShortcutTable, options: ShortcutOptions = {}): void {
  const latest = useRef(table);
  latest.current = table;
  const { inFields = false, enabled = true, preventDefault = true, scope } = options;
  const combos = Object.keys(table)
    .filter((combo) => table[combo])
    .join("\n");
  useEffect(() => {
    if (!enabled || combos === "") return;
    const wanted = combos.split("\n").map((combo) => ({ combo, ...parse(combo) }));
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (!inFields && isTyping(event.target)) return;
      const target = event.target instanceof Element ? event.target : null;
      if (scope && !(target && scope.current?.contains(target))) return;
      // A dialog open on top owns the keyboard.
      if (document.querySelector("dialog[open]") && !target?.closest("dialog")) return;
      const mod = event.ctrlKey || event.metaKey;
      const hit = wanted.find(
        (want) =>
          event.key.toLowerCase() === want.key &&
          mod === want.mod &&
          event.shiftKey === want.shift &&
          event.altKey === want.alt,
      );
      if (!hit) return;
      // A focused button already acts on Space/Enter; let it.
      if (
        (hit.key === " " || hit.key === "enter") &&
        !hit.mod &&
        target?.closest("button, a, summary")
      )
        return;
      if (preventDefault) event.preventDefault();
      latest.current[hit.combo]?.(event);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [combos, inFields, enabled, preventDefault, scope]);
}

/** One key combination; see `useShortcuts`. */
export function useShortcut(
  combo: string,
  handler: (event: KeyboardEvent) => void,
  options: ShortcutOptions = {},
): void {
  useShortcuts({ [combo]: handler }, options);
}

function parse(combo: string) {
  const parts = combo === " " ? [" "] : combo.split("+");
  const key = (parts.pop() ?? "").toLowerCase();
  return {
    key,
    mod: parts.includes("mod"),
    shift: parts.includes("shift"),
    alt: parts.includes("alt"),
  };
}

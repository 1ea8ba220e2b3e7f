import { useEffect, useRef } from "react";

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
}

/**
 * Binds a key combination for as long as the component is mounted. `combo` is the
 * key with modifiers, e.g. "mod+Enter" (Ctrl, or Cmd on a Mac), "shift+mod+Enter", " ", "1".
 */
export function useShortcut(
  combo: string,
  handler: (event: KeyboardEvent) => void,
  options: ShortcutOptions = {},
): void {
  const latest = useRef(handler);
  latest.current = handler;
  const { inFields = false, enabled = true, preventDefault = true } = options;
  useEffect(() => {
    if (!enabled) return;
    const want = parse(combo);
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (!inFields && isTyping(event.target)) return;
      // A dialog open on top owns the keyboard.
      if (document.querySelector("dialog[open]") && !(event.target as Element)?.closest?.("dialog"))
        return;
      const mod = event.ctrlKey || event.metaKey;
      if (
        event.key.toLowerCase() !== want.key ||
        mod !== want.mod ||
        event.shiftKey !== want.shift ||
        event.altKey !== want.alt
      )
        return;
      // A focused button already acts on Space/Enter; let it.
      if (
        (want.key === " " || want.key === "enter") &&
        !want.mod &&
        event.target instanceof HTMLElement &&
        event.target.closest("button, a, summary")
      )
        return;
      if (preventDefault) event.preventDefault();
      latest.current(event);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [combo, inFields, enabled, preventDefault]);
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

import { stopPython } from "../python/runtime.ts";

/** Interrupts whatever Python is running (Esc does the same from anywhere). */
export function StopButton() {
  return (
    <button type="button" className="danger" onClick={stopPython} aria-keyshortcuts="Escape">
      Stop
    </button>
  );
}

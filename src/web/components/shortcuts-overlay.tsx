import { useEffect, useRef, useState } from "react";
import { useShortcut } from "../lib/shortcuts.ts";

/** The header's `?` button sends this, so mouse and keyboard open the same list. */
export const TOGGLE_SHORTCUTS = "pyprep:toggle-shortcuts";

export const SHORTCUTS: [string, string][] = [
  ["?", "Show or hide this list"],
  ["h / s / l / p / ,", "Go to Home, Study, Library, Progress, Settings"],
  ["/", "Search the library"],
  ["Space", "Show the answer (concept card)"],
  ["1 2 3 4", "Rate: Again, Hard, Good, Easy"],
  ["Enter", "Accept the suggested rating"],
  ["Ctrl/⌘ + Enter", "Run code; check a drill answer; show the answer from the text box"],
  ["Ctrl/⌘ + Shift + Enter", "Submit an exercise (run the tests)"],
  ["Esc", "Stop running Python; close this list"],
  ["Alt + R", "Reset the exercise to its starter code"],
];

/** The `?` overlay: a modal dialog, so focus stays inside it and Esc closes it natively. */
export function ShortcutsOverlay() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useShortcut("shift+?", () => setOpen((o) => !o));
  useShortcut("?", () => setOpen((o) => !o));
  useEffect(() => {
    const toggle = () => setOpen((o) => !o);
    window.addEventListener(TOGGLE_SHORTCUTS, toggle);
    return () => window.removeEventListener(TOGGLE_SHORTCUTS, toggle);
  }, []);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="overlay"
      aria-labelledby="shortcuts-title"
      onClose={() => setOpen(false)}
      onKeyDown={(event) => {
        if (event.key === "?") {
          event.preventDefault();
          setOpen(false);
        }
      }}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}

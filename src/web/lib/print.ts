/**
 * Printing: the print stylesheet shows each link's address after it; relative links need
 * the origin, which CSS cannot know, so it is handed over as a custom property. Closed
 * <details> (verified outputs) open for the printout and close again afterwards.
 */
export function preparePrinting(): void {
  document.documentElement.style.setProperty("--print-origin", JSON.stringify(location.origin));
  let opened: HTMLDetailsElement[] = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll<HTMLDetailsElement>("main details:not([open])")];
    for (const details of opened) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
}

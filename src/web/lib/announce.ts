/**
 * Screen-reader announcements (grading results, run finished) through one polite live
 * region that exists from the first render, so the first message is not lost.
 */
export function announce(message: string): void {
  const region = document.getElementById("announcer");
  if (!region) return;
  // Clearing first makes a repeated message be read again.
  region.textContent = "";
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

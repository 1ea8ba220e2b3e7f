/**
 * Registers the service worker (src/web/sw.ts, built to /sw.js) in production builds and
 * asks it to cache the whole bank once it runs. The dev server has no service worker.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(
      () =>
        navigator.serviceWorker.ready.then((registration) =>
          registration.active?.postMessage("warm-bank"),
        ),
      (error: unknown) => console.warn("PyPrep: no offline support:", error),
    );
  });
}

/** After sign-out: personal answers (settings, sessions) must not outlive the session. */
export function forgetPersonalCache(): void {
  navigator.serviceWorker?.controller?.postMessage("forget-personal");
}

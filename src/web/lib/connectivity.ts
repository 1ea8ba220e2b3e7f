import { useSyncExternalStore } from "react";

/**
 * Whether the server can be reached, as the app last found out. navigator.onLine only says
 * whether there is a network interface (and test browsers, captive portals and dead Wi-Fi
 * all leave it true), so every API call reports here: a request that failed, or that the
 * service worker answered from its cache (`x-pyprep-from-cache`), means offline; a fresh
 * answer means online. While offline, the server is asked again every few seconds.
 */

export const FROM_CACHE_HEADER = "x-pyprep-from-cache";
const PROBE_MS = 4000;

let online = typeof navigator === "undefined" ? true : navigator.onLine;
const listeners = new Set<() => void>();
let probe: ReturnType<typeof setInterval> | null = null;

function set(next: boolean): void {
  if (next === online) return;
  online = next;
  if (!online && !probe) {
    probe = setInterval(() => {
      fetch("/api/config", { cache: "no-store", credentials: "same-origin" }).then(
        (response) => reportResponse(response),
        () => {},
      );
    }, PROBE_MS);
  }
  if (online && probe) {
    clearInterval(probe);
    probe = null;
  }
  for (const listener of listeners) listener();
}

export function reportResponse(response: Response): void {
  set(response.headers.get(FROM_CACHE_HEADER) !== "1");
}

export function reportUnreachable(): void {
  set(false);
}

export function isOnline(): boolean {
  return online;
}

if (typeof window !== "undefined") {
  window.addEventListener("offline", () => set(false));
  window.addEventListener("online", () => set(true));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, isOnline);
}

/** Runs `listener` each time the server becomes reachable again. */
export function onReconnect(listener: () => void): () => void {
  let was = online;
  return subscribe(() => {
    if (online && !was) listener();
    was = online;
  });
}

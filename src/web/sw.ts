// The service worker: after the first visit the app opens, studies, runs Python and rates
// cards without a network. Its caches are all named `pyprep-shell-…`, so other caches of
// this origin (a Pyodide memory snapshot, say) are never touched.
import { clientsClaim, setCacheNameDetails } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  type PrecacheEntry,
  precacheAndRoute,
} from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface ServiceWorkerScope {
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(
    type: "message",
    listener: (event: ExtendableEvent & { data: unknown }) => void,
  ): void;
}
const sw = self as unknown as ServiceWorkerScope;

/** Caches of this worker; `pyprep-shell-precache-…` is workbox's, for the built files. */
export const CACHE_PREFIX = "pyprep-shell";
const API_CACHE = `${CACHE_PREFIX}-api`;
const PYODIDE_CACHE = `${CACHE_PREFIX}-pyodide-${__PYODIDE_VERSION__}`;
/** What loadPyodide fetches to start: fetched at install, so Python works offline at once. */
const PYODIDE_FILES = [
  "pyodide.mjs",
  "pyodide.asm.mjs",
  "pyodide.asm.wasm",
  "python_stdlib.zip",
  "pyodide-lock.json",
].map((file) => `/pyodide/${file}`);

setCacheNameDetails({ prefix: CACHE_PREFIX });
// The build replaces `self.__WB_MANIFEST` (this exact text) with the list of built files.
precacheAndRoute((self as unknown as { __WB_MANIFEST: (string | PrecacheEntry)[] }).__WB_MANIFEST);
cleanupOutdatedCaches();

// Every address of the app is the same page; deep links work offline too.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("/index.html"), {
    denylist: [/^\/api\//, /^\/pyodide\//],
  }),
);

// Pyodide's files are large and change only with the package: from the cache first.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/pyodide/"),
  new CacheFirst({ cacheName: PYODIDE_CACHE, matchOptions: { ignoreVary: true } }),
);

/** An answer from the cache says so, and the page then knows the server was not reached. */
const markFromCache = {
  cachedResponseWillBeUsed: async ({ cachedResponse }: { cachedResponse?: Response }) => {
    if (!cachedResponse) return cachedResponse;
    const headers = new Headers(cachedResponse.headers);
    headers.set("x-pyprep-from-cache", "1");
    return new Response(await cachedResponse.blob(), {
      status: cachedResponse.status,
      statusText: cachedResponse.statusText,
      headers,
    });
  },
};

// The bank and the study state: fresh from the server when it answers, else the last answer.
// Sign-in, sign-out and progress files never come from a cache.
registerRoute(
  ({ url, request, sameOrigin }) =>
    sameOrigin &&
    request.method === "GET" &&
    url.pathname.startsWith("/api/") &&
    !url.pathname.startsWith("/api/auth/") &&
    !url.pathname.startsWith("/api/progress/"),
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: 6,
    matchOptions: { ignoreVary: true },
    plugins: [new ExpirationPlugin({ maxEntries: 1000 }), markFromCache],
  }),
);

sw.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(PYODIDE_CACHE)
      .then((cache) => cache.addAll(PYODIDE_FILES))
      // Without Python offline the app still works; Run then says Python failed to load.
      .catch(() => undefined),
  );
  void sw.skipWaiting();
});
clientsClaim();

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(`${CACHE_PREFIX}-pyodide-`) && name !== PYODIDE_CACHE)
            .map((name) => caches.delete(name)),
        ),
      ),
  );
});

/**
 * Puts every question of the bank in the cache, so any of them can be studied offline, and
 * the answers the app needs to open at all (who is signed in, the settings), which the
 * first page load fetched before this worker controlled it.
 */
async function warmBank(): Promise<void> {
  const cache = await caches.open(API_CACHE);
  for (const url of ["/api/config", "/api/settings"]) {
    const response = await fetch(url).catch(() => null);
    if (response?.ok) await cache.put(url, response);
  }
  const listUrl = "/api/questions?limit=500";
  const list = await fetch(listUrl);
  if (!list.ok) return;
  await cache.put(listUrl, list.clone());
  const { items } = (await list.json()) as { items: { id: string }[] };
  const urls = [
    "/api/topics",
    ...items.map((item) => `/api/questions/${encodeURIComponent(item.id)}`),
  ];
  // Two at a time: the server (and a phone's radio) are shared with what the user is doing.
  const queue = [...urls];
  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      if (await cache.match(url, { ignoreVary: true })) continue;
      const response = await fetch(url).catch(() => null);
      if (response?.ok) await cache.put(url, response);
    }
  };
  await Promise.all([worker(), worker()]);
}

sw.addEventListener("message", (event) => {
  if (event.data === "warm-bank") event.waitUntil(warmBank().catch(() => undefined));
  if (event.data === "forget-personal") event.waitUntil(caches.delete(API_CACHE));
});

import { snapshotKey, snapshotUrl } from "virtual:pyprep-python-snapshot";
import type { PyodideAPI } from "pyodide";

type LoadOptions = Parameters<typeof import("pyodide").loadPyodide>[0];

/** Our Cache Storage caches: one per snapshot key, so a new build's snapshot replaces the old. */
const CACHE_PREFIX = "pyprep-python-snapshot-";

/**
 * Python for the worker: restored from the build's memory snapshot when there is one
 * (see snapshot-plugin.ts), else started the usual way. A snapshot that cannot be read or
 * restored (a build of Pyodide other than the one it was made with, say) is not an error
 * the candidate sees: Python starts without it, only slower.
 *
 * Pyodide compiles its WebAssembly with `instantiateStreaming` from an HTTP-cacheable
 * response, the one form Chromium's WebAssembly code cache serves; V8 writes that cache
 * only once enough of the module is optimized, which a restored interpreter rarely gets
 * to, so most loads still compile the 9 MB module (about half of what remains of the
 * time to ready).
 */
export async function loadPython(options: LoadOptions = {}): Promise<PyodideAPI> {
  // Pyodide's own files come from our server (never a CDN); the URL is only known at run time.
  const url = `${options.indexURL ?? "/pyodide/"}pyodide.mjs`;
  const { loadPyodide } = (await import(/* @vite-ignore */ url)) as typeof import("pyodide");
  if (snapshot) {
    try {
      // The promise, not its value: Pyodide fetches its wasm and standard library meanwhile.
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
      setLibcTimeZone((pyodide as unknown as { _module: EmscriptenTimeZone })._module);
      pyodide.runPython(afterRestore(navigator.language));
      return pyodide;
    } catch (error) {
      console.warn(
        "PyPrep: the Python snapshot did not restore; starting Python without it",
        error,
      );
    }
  }
  return loadPyodide(options);
}

/** The parts of Emscripten's module that hold libc's time-zone globals. */
interface EmscriptenTimeZone {
  HEAP32: Int32Array;
  HEAPU32: Uint32Array;
  stringToUTF8(text: string, pointer: number, maxBytes: number): void;
  /** Addresses of `tzname` (two char pointers), `timezone` and `daylight`. */
  _tzname: number;
  _timezone: number;
  _daylight: number;
}

/**
 * libc's `timezone`, `daylight` and the zone names `tzname` points at (what localtime puts
 * in tm_zone) were set once, by tzset on the build machine, and are part of the snapshot;
 * tzset will not run again (it remembers it ran). They are written again here as
 * Emscripten's own tzset writes them, from this browser's Date: offsets of 1 January and
 * 1 July, names like "UTC+0530", at most 17 bytes each.
 */
function setLibcTimeZone(m: EmscriptenTimeZone): void {
  const year = new Date().getFullYear();
  const winter = new Date(year, 0, 1).getTimezoneOffset();
  const summer = new Date(year, 6, 1).getTimezoneOffset();
  const name = (offset: number) => {
    const sign = offset >= 0 ? "-" : "+";
    const minutes = Math.abs(offset);
    const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
    const mm = String(minutes % 60).padStart(2, "0");
    return `UTC${sign}${hh}${mm}`;
  };
  const std = m.HEAPU32[m._tzname >>> 2] as number;
  const dst = m.HEAPU32[(m._tzname >>> 2) + 1] as number;
  m.HEAPU32[m._timezone >>> 2] = Math.max(winter, summer) * 60;
  m.HEAP32[m._daylight >>> 2] = Number(winter !== summer);
  const [standard, daylight] = summer < winter ? [winter, summer] : [summer, winter];
  m.stringToUTF8(name(standard), std, 17);
  m.stringToUTF8(name(daylight), dst, 17);
}

/** Read from the moment the worker's module runs, before the page's init message arrives. */
const snapshot: Promise<Uint8Array> | null = snapshotUrl ? readSnapshot(snapshotUrl) : null;
// Observed by loadPython; a rejection before then must not count as unhandled.
snapshot?.catch(() => {});

async function readSnapshot(url: string): Promise<Uint8Array> {
  const cache = await openCache();
  let response = await cache?.match(url);
  if (!response) {
    response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    if (cache) {
      // Kept in our own cache too: the HTTP cache may drop 7 MB, and offline it is all there is.
      void cache
        .put(url, response.clone())
        .then(dropOtherSnapshots)
        .catch(() => {});
    }
  }
  if (!response.body) throw new Error(`${url}: empty response`);
  const inflated = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

async function openCache(): Promise<Cache | undefined> {
  if (typeof caches === "undefined" || !snapshotKey) return undefined;
  return caches.open(`${CACHE_PREFIX}${snapshotKey}`).catch(() => undefined);
}

async function dropOtherSnapshots(): Promise<void> {
  const current = `${CACHE_PREFIX}${snapshotKey}`;
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX) && name !== current) await caches.delete(name);
  }
}

/**
 * What a restored interpreter must not keep from the machine that made the snapshot.
 * - `random`: its state is the snapshot's, so every page load would draw the same numbers;
 *   it is seeded again from the browser's crypto.getRandomValues.
 * - The time zone: C's zone names are set again (libc `tzset`, which asks the browser), and
 *   `time.timezone`, `altzone`, `daylight` and `tzname`, which Python set when `time` was
 *   imported on the build machine, are worked out again the way CPython does where there
 *   is no `time.tzset` (from tm_gmtoff and tm_zone in January and July). Local times
 *   themselves were always right: Emscripten asks the browser's Date on every call.
 * - The environment and `sys.executable` a browser start has (LANG from the browser's
 *   language, as Emscripten sets it), and `sys.path` without the second "" that Pyodide's
 *   set-up adds again after a restore.
 * Not re-done, because it cannot be: the hash secret. CPython reads it once at start-up
 * and every string made since carries its hash, so `hash("text")` (and the iteration order
 * of a set of strings) is the same in every load of one build. Python's own hash
 * randomization exists against denial-of-service by colliding keys, a server's concern.
 */
function afterRestore(language: string): string {
  const lang = `${(language || "C").replace("-", "_")}.UTF-8`;
  return `
def _pyprep_after_restore():
    import os, random, sys, time
    random.seed()
    now = time.localtime()
    jan = time.localtime(time.mktime((now.tm_year, 1, 1, 12, 0, 0, 0, 0, -1)))
    jul = time.localtime(time.mktime((now.tm_year, 7, 1, 12, 0, 0, 0, 0, -1)))
    winter, summer = (jan, jul) if -jan.tm_gmtoff >= -jul.tm_gmtoff else (jul, jan)
    time.timezone, time.altzone = -winter.tm_gmtoff, -summer.tm_gmtoff
    time.daylight = int(time.timezone != time.altzone)
    time.tzname = (winter.tm_zone, summer.tm_zone)
    os.environ["LANG"] = ${JSON.stringify(lang)}
    os.environ["_"] = "./this.program"
    sys.executable = "/home/pyodide/this.program"
    sys.path[:] = list(dict.fromkeys(sys.path))
_pyprep_after_restore()
del _pyprep_after_restore
`;
}

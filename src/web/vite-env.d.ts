/// <reference types="vite/client" />

/** The pyodide package's version, so the service worker's Pyodide cache changes with it. */
declare const __PYODIDE_VERSION__: string;

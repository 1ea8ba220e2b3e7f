import { createRequire } from "node:module";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { pythonSnapshot } from "./src/web/python/snapshot-plugin.ts";

const pyodideVersion = (
  createRequire(import.meta.url)("pyodide/package.json") as { version: string }
).version;

// Cross-origin isolation lets the page share memory with the Python worker, which is how
// Stop and the time limit interrupt a running program.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root: "src/web",
  plugins: [
    react(),
    // Python's start-up, made once at build time (see the plugin); the worker restores it.
    pythonSnapshot(),
    // Offline: src/web/sw.ts precaches the built app shell (the list is injected here) and
    // caches the bank's answers and Pyodide's files; main.tsx registers it.
    VitePWA({
      strategies: "injectManifest",
      srcDir: ".",
      filename: "sw.ts",
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        rollupFormat: "iife",
      },
    }),
  ],
  // Icons, the favicon and the web app manifest.
  publicDir: "public",
  define: { __PYODIDE_VERSION__: JSON.stringify(pyodideVersion) },
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  worker: { format: "es", plugins: () => [pythonSnapshot({ emit: false })] },
  server: {
    headers: isolation,
    proxy: { "/api": "http://127.0.0.1:4310", "/pyodide": "http://127.0.0.1:4310" },
  },
  preview: { headers: isolation },
});

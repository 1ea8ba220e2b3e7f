import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Cross-origin isolation lets the page share memory with the Python worker, which is how
// Stop and the time limit interrupt a running program.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root: "src/web",
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  worker: { format: "es" },
  server: {
    headers: isolation,
    proxy: { "/api": "http://127.0.0.1:4310", "/pyodide": "http://127.0.0.1:4310" },
  },
  preview: { headers: isolation },
});

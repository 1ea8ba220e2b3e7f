/**
 * The harness package for the browser, bundled by Vite (Node reads the same files through
 * harness-source.ts). By file name, as `createPyodideHost` takes them.
 */
const sources = import.meta.glob<string>("./pyprep_harness/*.py", {
  query: "?raw",
  import: "default",
  eager: true,
});

export const HARNESS_FILES: Record<string, string> = Object.fromEntries(
  Object.entries(sources).map(([file, source]) => [file.slice(file.lastIndexOf("/") + 1), source]),
);

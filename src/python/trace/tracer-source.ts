// Bundled as text by Vite and Vitest alike, so the browser and Node run the same file.
// Plain Node (the CLI under tsx) cannot import `?raw`: it reads the file via tracer-file.ts.
import source from "./tracer.py?raw";

export { TRACE_MARKER } from "./marker.ts";

export const TRACER_SOURCE: string = source;

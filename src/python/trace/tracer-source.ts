// Bundled as text by Vite and Vitest alike, so the browser and Node run the same file.
import source from "./tracer.py?raw";

export const TRACER_SOURCE: string = source;

/** The line before the trace on stdout (tracer.py's MARKER). */
export const TRACE_MARKER = "\x1epyprep-trace/1";

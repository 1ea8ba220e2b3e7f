/** The line before the trace on stdout (tracer.py's MARKER). */
export const TRACE_MARKER = "\x1epyprep-trace/1";

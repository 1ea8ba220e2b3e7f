/** A decoded trace: what the visualizer draws, one snapshot per step. */

/** An object's reference number in one trace: one number, one object, for the whole run. */
export type Ref = number;

export interface Binding {
  name: string;
  ref: Ref;
}

export interface FrameView {
  /** The function's name; `<module>` for the program itself. */
  name: string;
  line: number;
  vars: Binding[];
  /** A generator's (or coroutine's) frame. */
  generator: boolean;
}

export type HeapObject =
  /** `length`: a long string's full length (its repr is cut). */
  | { kind: "primitive"; type: string; repr: string; length?: number }
  /** `length`: set when only the first items are shown. */
  | { kind: "list" | "tuple" | "set"; type: string; items: Ref[]; length?: number }
  | { kind: "dict"; type: string; entries: Array<[Ref, Ref]>; length?: number }
  | { kind: "instance"; type: string; attrs: Binding[] }
  | { kind: "class"; type: string; name: string; bases: string[]; attrs: Binding[] }
  | {
      kind: "function";
      type: string;
      name: string;
      params: string[];
      defaults: Binding[];
      /** The closure: a free variable's name and the cell it reads. */
      cells: Binding[];
    }
  /** `value` null: a cell not yet assigned. */
  | { kind: "cell"; type: string; value: Ref | null }
  | {
      kind: "generator";
      type: string;
      name: string;
      state: "created" | "running" | "suspended" | "closed";
      /** Its own frame, while it is not running (a running one is on the stack). */
      frame: FrameView | null;
    }
  | { kind: "exception"; type: string; message: string }
  | { kind: "other"; type: string; repr: string };

export type StepEvent = "call" | "line" | "return" | "yield" | "exception";

export interface Step {
  index: number;
  /** The line about to run (for call: the def line; return, yield, exception: where). */
  line: number;
  event: StepEvent;
  /** Outermost first; the last is the one running. */
  frames: FrameView[];
  /** Every object reachable from the frames (and `returned`, `exception`) at this step. */
  heap: Map<Ref, HeapObject>;
  /** Everything printed up to this step. */
  stdout: string;
  /** The value a return or yield step hands back. */
  returned?: Ref;
  /** The exception an exception step is raising. */
  exception?: Ref;
}

export interface TraceException {
  type: string;
  message: string;
  /** `ValueError: bad value`, as a traceback ends. */
  line: string;
  traceback: string;
  /** The line in the user's code it was raised at. */
  at?: number;
}

/**
 * How the trace ended: `done`; `exception` (uncaught, or a syntax error: then no steps);
 * `exit` (sys.exit); `limit`: the tracer's own step, object or size limit, `message` says
 * which; `cut`: the runner stopped the program (time limit, Stop), `message` says so.
 */
export interface TraceEnd {
  status: "done" | "exception" | "exit" | "limit" | "cut";
  message?: string;
  exception?: TraceException;
  exitCode?: number;
}

export interface Trace {
  steps: Step[];
  end: TraceEnd;
  /** Everything the program printed. */
  stdout: string;
}

export interface TraceOptions {
  /** Default 1000. */
  maxSteps?: number;
  /** Objects reachable at one step; default 200. */
  maxObjects?: number;
  /** Of the whole trace on stdout; default 60 000, under the runner's 64 KB cap. */
  maxBytes?: number;
  /** Container items shown before the rest is counted; default 20. */
  maxItems?: number;
  /** Characters of a repr; default 60. */
  maxRepr?: number;
}

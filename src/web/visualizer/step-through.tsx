import { lazy, type ReactNode, Suspense, useState } from "react";

// The visualizer, the tracer's decoder and zod load only when someone steps through.
const Visualizer = lazy(() => import("./visualizer.tsx"));

/**
 * A "Step through" toggle and the panel it opens, for a runnable block to place where it
 * wants them. `getCode` is read when the panel opens, so an edited example is what is traced.
 */
export function useStepThrough({
  getCode,
  stdin,
  name,
}: {
  getCode: () => string;
  stdin?: string | undefined;
  name: string;
}): { button: ReactNode; panel: ReactNode } {
  const [code, setCode] = useState<string | null>(null);
  const open = code !== null;
  const button = (
    <button
      type="button"
      className="ghost"
      aria-expanded={open}
      onClick={() => setCode(open ? null : getCode())}
    >
      {open ? "Close step-through" : "Step through"}
    </button>
  );
  const panel = open ? (
    <Suspense fallback={<output className="muted small">Loading the visualizer…</output>}>
      <Visualizer code={code} stdin={stdin} name={name} />
    </Suspense>
  ) : null;
  return { button, panel };
}

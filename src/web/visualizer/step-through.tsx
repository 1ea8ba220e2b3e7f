import { lazy, type ReactNode, Suspense, useState } from "react";

// The visualizer, the tracer's decoder and zod load only when someone steps through.
const Visualizer = lazy(() => import("./visualizer.tsx"));

/**
 * A "Step through" toggle and the panel it opens, for a runnable block to place where it
 * wants them. `getCode` is read when the panel opens, so an edited example is what is traced.
 * `initiallyOpen` (a block marked `visualize=open`) opens it on first render without taking
 * the focus, which stays where the reader is; `label` names the closed button.
 */
export function useStepThrough({
  getCode,
  stdin,
  name,
  initiallyOpen = false,
  label = "Step through",
}: {
  getCode: () => string;
  stdin?: string | undefined;
  name: string;
  initiallyOpen?: boolean;
  label?: string;
}): { button: ReactNode; panel: ReactNode } {
  const [code, setCode] = useState<string | null>(() => (initiallyOpen ? getCode() : null));
  // Only a panel the reader opened moves the focus into it.
  const [opened, setOpened] = useState(false);
  const open = code !== null;
  const button = (
    <button
      type="button"
      className="ghost"
      aria-expanded={open}
      onClick={() => {
        setOpened(!open);
        setCode(open ? null : getCode());
      }}
    >
      {open ? "Close step-through" : label}
    </button>
  );
  const panel = open ? (
    <Suspense fallback={<output className="muted small">Loading the visualizer…</output>}>
      <Visualizer code={code} stdin={stdin} name={name} autoFocus={opened} />
    </Suspense>
  ) : null;
  return { button, panel };
}

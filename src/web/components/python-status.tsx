import { useSyncExternalStore } from "react";
import {
  type PythonState,
  pythonState,
  pythonVersion,
  subscribePython,
} from "../python/runtime.ts";

export function usePythonState(): PythonState {
  return useSyncExternalStore(subscribePython, pythonState);
}

/** What the candidate should be told: a run waiting for Python to load is still "loading". */
export type PythonPhase = "loading" | "ready" | "running" | "failed";

/** Until Python has been ready once, a queued run is waiting for it to load, not running. */
let seenReady = pythonState() === "ready";
subscribePython(() => {
  if (pythonState() === "ready") seenReady = true;
});

function phase(): PythonPhase {
  const state = pythonState();
  if (state === "ready") seenReady = true;
  if (state === "failed") return "failed";
  if (state === "running") return seenReady ? "running" : "loading";
  return state === "ready" ? "ready" : "loading";
}

export function usePythonPhase(): PythonPhase {
  return useSyncExternalStore(subscribePython, phase);
}

const LABEL: Record<PythonPhase, string> = {
  loading: "Python loading…",
  ready: "Python ready",
  running: "Python running",
  failed: "Python failed to load",
};

/** What a Run button says while its run is under way. */
export function busyLabel(phase: PythonPhase, what: "run" | "submit"): string {
  if (phase === "loading") return "Starting Python…";
  return what === "run" ? "Running…" : "Testing…";
}

/** A quiet pill in the header: reading and rating never wait for Python, only Run does. */
export function PythonStatus() {
  const phase = usePythonPhase();
  const version = phase === "ready" ? pythonVersion() : null;
  return (
    <span
      className={`pill python-${phase}`}
      data-python={phase}
      title={version ? `${LABEL[phase]}: ${version}` : LABEL[phase]}
    >
      <span className="dot" aria-hidden="true" />
      <span className="pill-label">{LABEL[phase]}</span>
      {version ? <span className="muted pill-extra"> {version}</span> : null}
    </span>
  );
}

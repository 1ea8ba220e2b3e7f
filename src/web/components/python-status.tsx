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

const LABEL: Record<PythonState, string> = {
  idle: "Python not started",
  loading: "Python loading…",
  ready: "Python ready",
  running: "Python running",
  failed: "Python failed to load",
};

/** A quiet pill in the header: reading and rating never wait for Python, only Run does. */
export function PythonStatus() {
  const state = usePythonState();
  const version = state === "ready" ? pythonVersion() : null;
  return (
    <span className={`pill python-${state}`} data-python={state} title={LABEL[state]}>
      <span className="dot" aria-hidden="true" />
      {LABEL[state]}
      {version ? <span className="muted"> {version}</span> : null}
    </span>
  );
}

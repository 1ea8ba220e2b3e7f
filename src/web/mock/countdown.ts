import { useEffect, useRef, useState } from "react";
import type { Mock } from "../../api/mocks.ts";

/**
 * Interview time left, counted down from the server's own figure (`remainingMs` when it
 * answered) with the page's monotonic clock, so a wrong clock on this computer changes
 * nothing. Frozen while paused or finished.
 */
export function useRemaining(mock: Mock): number {
  const origin = useRef({ remaining: mock.remainingMs, at: performance.now() });
  const running = mock.status === "active" && mock.pausedAt === null;
  const [now, setNow] = useState(() => performance.now());

  useEffect(() => {
    origin.current = { remaining: mock.remainingMs, at: performance.now() };
    setNow(performance.now());
  }, [mock]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [running]);

  if (!running) return mock.remainingMs;
  return Math.max(0, origin.current.remaining - (now - origin.current.at));
}

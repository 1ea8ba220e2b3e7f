import { useSyncExternalStore } from "react";
import { useOnline } from "../lib/connectivity.ts";
import { reviewQueue } from "../offline/queue-instance.ts";

/**
 * Says when the server cannot be reached and how many reviews wait for the server; silent when
 * online with nothing waiting. Studying goes on either way: reviews wait in IndexedDB.
 */
export function QueueStatus() {
  const snap = useSyncExternalStore(
    (l) => reviewQueue.subscribe(l),
    () => reviewQueue.snapshot(),
  );
  const online = useOnline();
  const waiting = `${snap.pending} ${snap.pending === 1 ? "review" : "reviews"}`;
  if (!online) {
    return (
      <span
        className="pill offline"
        data-queue={snap.pending}
        data-offline="true"
        title="No network: study on; reviews are sent when the connection is back"
      >
        <span className="dot" aria-hidden="true" />
        <span className="pill-label">Offline{snap.pending > 0 ? ` · ${waiting} waiting` : ""}</span>
      </span>
    );
  }
  if (snap.pending === 0) return <span className="sr-only" data-queue="0" />;
  return (
    <span
      className="pill queue"
      data-queue={snap.pending}
      title={snap.lastError ?? "waiting for the server"}
    >
      <span className="pill-label">{waiting} waiting to sync</span>
      <span className="pill-count" aria-hidden="true">
        {snap.pending}
      </span>
    </span>
  );
}

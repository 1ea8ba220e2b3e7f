import { useSyncExternalStore } from "react";
import { reviewQueue } from "../offline/queue-instance.ts";

/** Says how many reviews wait for the server; silent when none do. */
export function QueueStatus() {
  const snap = useSyncExternalStore(
    (l) => reviewQueue.subscribe(l),
    () => reviewQueue.snapshot(),
  );
  if (snap.pending === 0) return <span className="sr-only" data-queue="0" />;
  return (
    <span
      className="pill queue"
      data-queue={snap.pending}
      title={snap.lastError ?? "waiting for the server"}
    >
      {snap.pending} {snap.pending === 1 ? "review" : "reviews"} waiting to sync
    </span>
  );
}

import type { ReviewBody } from "../../api/types.ts";
import { ApiError, api, NetworkError } from "../api/client.ts";
import { onReconnect } from "../lib/connectivity.ts";
import { idbQueueStore } from "./idb-store.ts";
import { outcomeOf, ReviewQueue } from "./review-queue.ts";

/** Tabs tell each other when the queue changed, so every header shows the same count. */
const channel =
  typeof BroadcastChannel === "function" ? new BroadcastChannel("pyprep-queue") : null;

/** The page's one review queue, sending through the API and retrying while anything waits. */
export const reviewQueue = new ReviewQueue(
  idbQueueStore(undefined, localStorage),
  async (body: ReviewBody) => {
    try {
      await api("/api/reviews", { method: "POST", body });
      return { outcome: "delivered" };
    } catch (error) {
      if (error instanceof ApiError)
        return { outcome: outcomeOf(error.status), error: error.message };
      if (error instanceof NetworkError) return { outcome: "retry", error: error.message };
      throw error;
    }
  },
  {
    // One tab sends at a time; the others wait for the lock and then find nothing left.
    exclusive: (drain) =>
      navigator.locks ? navigator.locks.request("pyprep-review-queue", drain) : drain(),
    onStoreChanged: () => channel?.postMessage("changed"),
  },
);

const RETRY_MS = 3000;

/** Retries on a timer while reviews wait, and at once when the browser says it is back online. */
export function startQueueRetries(): () => void {
  const tick = () => {
    if (reviewQueue.pending().length > 0) void reviewQueue.flush();
  };
  const timer = setInterval(tick, RETRY_MS);
  window.addEventListener("online", tick);
  const stopReconnect = onReconnect(tick);
  const onMessage = () => void reviewQueue.reload();
  channel?.addEventListener("message", onMessage);
  void reviewQueue.ready.then(tick);
  return () => {
    clearInterval(timer);
    window.removeEventListener("online", tick);
    stopReconnect();
    channel?.removeEventListener("message", onMessage);
  };
}

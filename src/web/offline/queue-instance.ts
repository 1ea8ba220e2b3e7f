import type { ReviewBody } from "../../api/types.ts";
import { ApiError, api, NetworkError } from "../api/client.ts";
import { outcomeOf, ReviewQueue } from "./review-queue.ts";

/** The page's one review queue, sending through the API and retrying while anything waits. */
export const reviewQueue = new ReviewQueue(localStorage, async (body: ReviewBody) => {
  try {
    await api("/api/reviews", { method: "POST", body });
    return { outcome: "delivered" };
  } catch (error) {
    if (error instanceof ApiError)
      return { outcome: outcomeOf(error.status), error: error.message };
    if (error instanceof NetworkError) return { outcome: "retry", error: error.message };
    throw error;
  }
});

const RETRY_MS = 3000;

/** Retries on a timer while reviews wait, and at once when the browser says it is back online. */
export function startQueueRetries(): () => void {
  const tick = () => {
    if (reviewQueue.pending().length > 0) void reviewQueue.flush();
  };
  const timer = setInterval(tick, RETRY_MS);
  window.addEventListener("online", tick);
  // Another tab queued or delivered something: refresh our count.
  const onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith("pyprep.reviewQueue")) void reviewQueue.flush();
  };
  window.addEventListener("storage", onStorage);
  tick();
  return () => {
    clearInterval(timer);
    window.removeEventListener("online", tick);
    window.removeEventListener("storage", onStorage);
  };
}

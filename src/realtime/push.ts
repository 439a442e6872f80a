import type { CountsUpdate } from "../notifications/counts";
import { logEvent } from "../ops/log";

export type WaitUntil = (promise: Promise<unknown>) => void;

/**
 * Tells each user's hub their fresh counts. The write has committed already: a failed or slow
 * push must not fail or delay the response, so it runs in waitUntil and is only logged; the
 * counts converge on the next push or on reconnect. Users whose hub holds no socket are skipped:
 * waking a hub to tell nobody costs a Durable Object request per recipient. The update's events.v1
 * frame travels with the counts, so the hub tells both kinds of socket without reading D1.
 */
export function pushCounts(env: Env, waitUntil: WaitUntil, updates: readonly CountsUpdate[]): void {
  for (const { userId, counts, listening, frame } of updates) {
    if (!listening) continue;
    const push = env.USER_HUB.getByName(userId).countsChanged(userId, counts, frame);
    waitUntil(push.catch((error: unknown) => logPushFailure(userId, error)));
  }
}

/** Tells a user's hub that the user's flags changed, so it can close sockets that may no longer listen. */
export function pushAccountChange(env: Env, waitUntil: WaitUntil, userId: string): void {
  const push = env.USER_HUB.getByName(userId).accountChanged(userId);
  waitUntil(push.catch((error: unknown) => logPushFailure(userId, error)));
}

function logPushFailure(userId: string, error: unknown) {
  logEvent("error", "hub_push_failed", { user_id: userId, error: String(error) });
}

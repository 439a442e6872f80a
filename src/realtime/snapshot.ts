import { socketSendsNotifications } from "../config";
import { createDb } from "../db/client";
import { ApiError } from "../errors";
import { type Counts, countsBody, countsOf } from "../notifications/counts";
import { FIRST_PAGE, readFeed } from "../notifications/feed";
import { assertAccountUsable, findUser } from "../users/service";
import { CLOSE_FORBIDDEN } from "./protocol";
import { withRetries } from "./retry";
import { attachmentOf, closeWithError, send } from "./sockets";

/** What a socket is sent: the counts (and with ALLOWED_NOTIFICATION_DATA the first page), with their version. */
export type Snapshot = { counts: Counts; frame: object };

export function countsSnapshot(counts: Counts): Snapshot {
  return { counts, frame: countsBody(counts) };
}

/** The user's state from D1; throws ApiError for a user who may not receive notifications. */
export async function readSnapshot(env: Env, userId: string): Promise<Snapshot> {
  const db = createDb(env.DB);
  if (socketSendsNotifications(env)) {
    const page = await readFeed(db, userId, FIRST_PAGE);
    return { counts: page.counts, frame: { ...countsBody(page.counts), notifications: page.items } };
  }
  const user = await findUser(db, userId);
  assertAccountUsable(user);
  return countsSnapshot(countsOf(user));
}

/**
 * Sends the snapshot to each socket that has not seen a newer version, so a slow D1 read can
 * never put a stale frame after a fresher one. A reply to a refresh that lost such a race
 * repeats the fresher counts the socket already has.
 */
export function deliver(sockets: WebSocket[], { counts, frame }: Snapshot, reply: boolean): void {
  for (const ws of sockets) {
    const seen = attachmentOf(ws);
    if (counts.version > seen.version || (reply && counts.version === seen.version)) {
      send(ws, frame);
      ws.serializeAttachment({ ...seen, version: counts.version, total: counts.total, read: counts.read });
    } else if (reply) {
      send(ws, countsBody(seen));
    }
  }
}

/** Reads the user's state from D1 and sends it; sockets of a user who may not listen are closed (4403). */
export async function refreshSockets(env: Env, sockets: WebSocket[], userId: string, reply: boolean): Promise<void> {
  let snapshot: Snapshot;
  try {
    // The last change may be this one: a lost read would leave the socket stale.
    snapshot = await withRetries(() => readSnapshot(env, userId));
  } catch (error) {
    if (error instanceof ApiError) {
      const detail = String(error.body.detail);
      for (const ws of sockets) closeWithError(ws, CLOSE_FORBIDDEN, detail);
      return;
    }
    // D1 trouble: keep the sockets; the next push or refresh converges.
    console.error(JSON.stringify({ event: "hub_refresh_failed", userId, error: String(error) }));
    return;
  }
  deliver(sockets, snapshot, reply);
}

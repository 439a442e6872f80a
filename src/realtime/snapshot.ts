import { socketSendsNotifications } from "../config";
import { createDb } from "../db/client";
import { nowIso } from "../lib/time";
import { type Counts, countsBody, countsOf, withCounts } from "../notifications/counts";
import { currentUser } from "../notifications/expiry";
import { FIRST_PAGE, readFeed } from "../notifications/feed";
import { assertAccountUsable } from "../users/service";
import { attachmentOf, send } from "./sockets";

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
    return { counts: page.counts, frame: withCounts(page.counts, { notifications: page.items }) };
  }
  const user = await currentUser(db, userId, nowIso());
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
    // Closed meanwhile (e.g. for flooding): nothing to tell it.
    if (ws.readyState !== WebSocket.OPEN) continue;
    const seen = attachmentOf(ws);
    if (counts.version > seen.version || (reply && counts.version === seen.version)) {
      send(ws, frame);
      const { total, read, unseen, archived, version } = counts;
      ws.serializeAttachment({ ...seen, version, total, read, unseen, archived });
    } else if (reply) {
      send(ws, countsBody({ unseen: 0, archived: 0, ...seen }));
    }
  }
}

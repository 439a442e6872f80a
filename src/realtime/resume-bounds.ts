import { and, asc, eq, gt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { inboxEvents } from "../db/schema";

/** What a catch-up read may replay: these sockets' versions, the oldest of them, the two bounds. */
export type ResumeBounds = { userId: string; since: number; versions: number[]; max: number; maxBytes: number };

/**
 * The version after which a catch-up reads outbox rows: the oldest socket version whose missed
 * rows are at most `max` (RESUME_MAX_EVENTS) and total at most `maxBytes` (RESUME_MAX_BYTES) of
 * `data`; NULL (no rows) when no socket is within both. A socket past either bound gets `reset`
 * (deliverCatchUp finds its frames missing), so its rows are never read: a row can name 1,000
 * uids, and a sync from 0 must not make D1 read tens of megabytes.
 *
 * Decided from the size index alone (index-only, never the rows): the newest `max` versions after
 * `since`, each with the bytes from it to the newest; the oldest of those still within `maxBytes`
 * is the first version a replay can start at. A socket at V is within the bounds if V + 1 is at
 * or above it (a gap left by retention is caught by deliverCatchUp's count of frames).
 */
export function servableFrom({ userId, since, versions, max, maxBytes }: ResumeBounds): SQL {
  return sql`(SELECT min(s.value) FROM json_each(${JSON.stringify(versions)}) s WHERE s.value + 1 >= (
    SELECT min(w.version) FROM (
      SELECT r.version, sum(r.size) OVER (ORDER BY r.version DESC) AS bytes FROM (
        SELECT version, size FROM inbox_events INDEXED BY inbox_events_size_idx
        WHERE user_id = ${userId} AND version > ${since} ORDER BY version DESC LIMIT ${max}) r) w
    WHERE w.bytes <= ${maxBytes}))`;
}

/** The outbox rows a catch-up replays, oldest first: only those the sockets within the bounds miss. */
export function missedRows(db: Db, bounds: ResumeBounds) {
  return db
    .select()
    .from(inboxEvents)
    .where(and(eq(inboxEvents.userId, bounds.userId), gt(inboxEvents.version, servableFrom(bounds))))
    .orderBy(asc(inboxEvents.version))
    .limit(bounds.since < 0 ? 0 : bounds.max);
}

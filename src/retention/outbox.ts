import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { d1Statement } from "../db/sql";
import { nowIso } from "../lib/time";

/** Outbox rows deleted per statement, and statements per run: bounded work for one 5-minute cron. */
export const OUTBOX_PURGE_BATCH = 1000;
export const OUTBOX_PURGE_MAX_BATCHES = 50;

/** OUTBOX_RETENTION_HOURS: how long the events.v1 outbox keeps a change for resumes (default 24). */
export function outboxRetentionHours(env: Env): number {
  const hours = Number(env.OUTBOX_RETENTION_HOURS);
  return Number.isFinite(hours) && hours > 0 ? hours : 24;
}

/**
 * Deletes outbox rows older than `hours`, oldest first, through the created_at index, in bounded
 * batches. A socket resuming from before the oldest row left gets `reset` (the hub sees the gap);
 * counts and versions live in users, so nothing else depends on these rows.
 */
export async function purgeOutbox(db: Db, hours: number, now = Date.now()): Promise<number> {
  const cutoff = nowIso(new Date(now - hours * 3_600_000));
  let deleted = 0;
  for (let batch = 0; batch < OUTBOX_PURGE_MAX_BATCHES; batch++) {
    const result = await d1Statement(
      db,
      sql`DELETE FROM inbox_events WHERE (user_id, version) IN (
        SELECT user_id, version FROM inbox_events INDEXED BY inbox_events_created_idx
        WHERE created_at < ${cutoff} ORDER BY created_at LIMIT ${OUTBOX_PURGE_BATCH}) RETURNING version`,
    ).run();
    deleted += result.results.length;
    if (result.results.length < OUTBOX_PURGE_BATCH) break;
  }
  return deleted;
}

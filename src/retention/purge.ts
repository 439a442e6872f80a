import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications } from "../db/schema";
import { d1Statement } from "../db/sql";
import { nowIso } from "../lib/time";

/** Rows deleted per statement, and statements per run: bounded work for one cron invocation. */
export const PURGE_BATCH = 500;
export const PURGE_MAX_BATCHES = 100;

export function retentionDays(env: Env): number {
  const days = Number(env.RETENTION_DAYS);
  return Number.isFinite(days) && days > 0 ? days : 30;
}

/**
 * One bounded batch of the purge: the oldest REMOVED and DELETED rows changed before `cutoff`.
 * Only the owner's deletions are purged: REMOVED (the "remove" actions) and DELETED (a status the
 * owner may set on one notification). INACTIVE and DRAFT rows are set aside, not deleted: they are
 * kept, and the emitting backend still finds them through the model look-up. ACTIVE is the feed.
 */
export function purgeBatch(cutoff: string): SQL {
  // The same literal condition as the partial retention index (src/db/schema.ts), so SQLite uses it.
  return sql`DELETE FROM ${notifications} WHERE id IN (
    SELECT id FROM ${notifications} WHERE status IN ('REMOVED', 'DELETED') AND updated_at < ${cutoff}
    ORDER BY updated_at LIMIT ${PURGE_BATCH}) RETURNING id`;
}

/** One bounded batch of expired notifications (gone from every feed and count) expired before `cutoff`. */
export function purgeExpiredBatch(cutoff: string): SQL {
  return sql`DELETE FROM ${notifications} WHERE id IN (
    SELECT id FROM ${notifications} WHERE expired_at IS NOT NULL AND expired_at < ${cutoff}
    ORDER BY expired_at LIMIT ${PURGE_BATCH}) RETURNING id`;
}

/**
 * Hard-deletes REMOVED and DELETED notifications last changed more than `days` ago, and those
 * that expired more than `days` ago, in batches. None of them is counted, so the counters stay
 * exact (the triggers would keep them so anyway).
 */
export async function purgeRemoved(db: Db, days: number, now = Date.now()): Promise<number> {
  const cutoff = nowIso(new Date(now - days * 86_400_000));
  let deleted = 0;
  for (const batchOf of [purgeBatch, purgeExpiredBatch]) {
    for (let batch = 0; batch < PURGE_MAX_BATCHES; batch++) {
      const result = await d1Statement(db, batchOf(cutoff)).run();
      // Rows returned, not meta.changes: that also counts what the triggers deleted (tags).
      const rows = result.results.length;
      deleted += rows;
      if (rows < PURGE_BATCH) break;
    }
  }
  return deleted;
}

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
    ORDER BY updated_at LIMIT ${PURGE_BATCH})`;
}

/**
 * Hard-deletes REMOVED and DELETED notifications last changed more than `days` ago, in batches.
 * Those rows are not counted (the counters hold ACTIVE rows), so the counters stay exact without
 * touching them.
 */
export async function purgeRemoved(db: Db, days: number, now = Date.now()): Promise<number> {
  const cutoff = nowIso(new Date(now - days * 86_400_000));
  let deleted = 0;
  for (let batch = 0; batch < PURGE_MAX_BATCHES; batch++) {
    const result = await d1Statement(db, purgeBatch(cutoff)).run();
    deleted += result.meta.changes;
    if (result.meta.changes < PURGE_BATCH) break;
  }
  return deleted;
}

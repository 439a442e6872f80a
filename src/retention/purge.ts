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

/** One bounded batch of the purge: the oldest REMOVED rows changed before `cutoff`. */
export function purgeBatch(cutoff: string): SQL {
  // The literal 'REMOVED' (not a bound parameter) lets SQLite use the partial retention index.
  return sql`DELETE FROM ${notifications} WHERE id IN (
    SELECT id FROM ${notifications} WHERE status = 'REMOVED' AND updated_at < ${cutoff}
    ORDER BY updated_at LIMIT ${PURGE_BATCH})`;
}

/**
 * Hard-deletes REMOVED notifications last changed more than `days` ago, in batches. REMOVED rows
 * are not counted, so the per-user counters stay exact without touching them.
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

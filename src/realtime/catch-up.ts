import { and, eq } from "drizzle-orm";
import { resumeMaxBytes, resumeMaxEvents } from "../config";
import { createDb } from "../db/client";
import { notifications } from "../db/schema";
import { inJsonList } from "../db/sql";
import { nowIso } from "../lib/time";
import { type Counts, countsOf, liveCategories, userAndCategories } from "../notifications/counts";
import { readAfterExpiry } from "../notifications/expiry";
import { ownerSummary, selectWithCreator, toItem } from "../notifications/feed";
import type { OutboxRow } from "../notifications/outbox";
import type { NotificationItem } from "../notifications/serialize";
import { assertAccountUsable } from "../users/service";
import { createdUid, type EventFrame, type FullCounts, frameOf } from "./frames";
import { missedRows } from "./resume-bounds";

/**
 * What an events.v1 socket behind the user's current version needs: the current counts, and the
 * frames of the newest retained versions after `since` (at most RESUME_MAX_EVENTS, ascending).
 */
export type CatchUp = { counts: Counts; full: FullCounts; frames: EventFrame[]; max: number };

/**
 * One read for every socket that asked (`versions`: the versions they hold; empty when none needs
 * events): the user row, the categories and the outbox rows that the sockets within the resume
 * bounds miss (see `missedRows`), in one batch (one snapshot); then the notifications the
 * `created` rows name, rendered as the REST API renders them (a row since purged is told as
 * counts). Throws ApiError for a user who may not receive notifications.
 */
export async function readCatchUp(env: Env, userId: string, versions: number[]): Promise<CatchUp> {
  const db = createDb(env.DB);
  const max = resumeMaxEvents(env);
  const since = versions.length > 0 ? Math.min(...versions) : -1;
  const bounds = { userId, since, versions, max, maxBytes: resumeMaxBytes(env) };
  const [userRows, categoryRows, eventRows] = await readAfterExpiry(
    db,
    userId,
    nowIso(),
    () => db.batch([...userAndCategories(db, userId), missedRows(db, bounds)]),
    ([found]) => found[0],
  );
  const user = userRows[0];
  assertAccountUsable(user);
  const counts = countsOf(user);
  const rows = eventRows.map(
    (row): OutboxRow => ({ ...row, data: JSON.stringify(row.data), counts: JSON.stringify(row.counts) }),
  );
  const items = await createdItems(env, userId, user, rows);
  const frames = rows.map((row) => frameOf(row, items.get(createdUid(row) ?? "") ?? null));
  return { counts, full: fullCounts(counts, categoryRows), frames, max };
}

async function createdItems(
  env: Env,
  userId: string,
  user: Parameters<typeof ownerSummary>[0],
  rows: OutboxRow[],
): Promise<Map<string, NotificationItem>> {
  const uids = rows.map(createdUid).filter((uid): uid is string => uid !== null);
  const items = new Map<string, NotificationItem>();
  if (uids.length === 0) return items;
  const db = createDb(env.DB);
  const found = await selectWithCreator(db, and(eq(notifications.userId, userId), inJsonList(notifications.uid, uids)));
  const owner = ownerSummary(user, userId);
  for (const entry of found) items.set(entry.row.uid, toItem(entry, owner));
  return items;
}

/** The counts object every frame carries, in the key order the outbox writes it (src/notifications/outbox.ts). */
export function fullCounts(
  counts: Counts,
  categoryRows: { category: string; total: number; unread: number; unseen: number }[],
): FullCounts {
  // Ordered by category, as the outbox's json_group_object walks them.
  const categories = liveCategories(categoryRows);
  return {
    total: counts.total,
    read: counts.read,
    unread: counts.total - counts.read,
    unseen: counts.unseen,
    archived: counts.archived,
    categories,
  };
}

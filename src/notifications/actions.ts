import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { type NotificationStatus, notifications, type UserRow } from "../db/schema";
import { inJsonList } from "../db/sql";
import { notificationNotFound } from "../errors";
import { nowIso } from "../lib/time";
import { type CountsUpdate, countsOf, recount, recounted } from "./counts";
import { ownerSummary, selectWithCreator, toItem } from "./feed";
import type { ActionChoice } from "./schemas";
import type { NotificationItem } from "./serialize";

export type ActionResult = { update: CountsUpdate; changed: number };

/**
 * Applies a bulk action to the caller's own ACTIVE notifications (the original matched uids of any
 * user). One UPDATE and the counter recount run in one transaction, whatever the number of rows.
 */
export async function applyAction(
  db: Db,
  user: UserRow | undefined,
  userId: string,
  action: ActionChoice,
  uids: readonly string[],
): Promise<ActionResult> {
  if (action === "UNDEFINED") return { update: { userId, counts: countsOf(user), listening: false }, changed: 0 };
  const own = and(eq(notifications.userId, userId), eq(notifications.status, "ACTIVE"));
  const updatedAt = nowIso();
  const update = {
    MARK_ALL_AS_READ: () =>
      db
        .update(notifications)
        .set({ isRead: true, updatedAt })
        .where(and(own, eq(notifications.isRead, false))),
    MARK_AS_READ: () =>
      db
        .update(notifications)
        .set({ isRead: true, updatedAt })
        .where(and(own, eq(notifications.isRead, false), inJsonList(notifications.uid, uids))),
    REMOVED_ALL: () => db.update(notifications).set({ status: "REMOVED", updatedAt }).where(own),
    MARK_AS_REMOVED: () =>
      db
        .update(notifications)
        .set({ status: "REMOVED", updatedAt })
        .where(and(own, inJsonList(notifications.uid, uids))),
  }[action]();
  const [result, rows] = await db.batch([update, recount(db, userId)]);
  return { update: recounted(userId, rows), changed: result.meta.changes };
}

export type DetailResult = { item: NotificationItem; update: CountsUpdate; changed: boolean };

/** The caller's ACTIVE notification, marked read as a side effect (as the original does). */
export async function openNotification(
  db: Db,
  user: UserRow | undefined,
  userId: string,
  uid: string,
): Promise<DetailResult> {
  const mine = and(eq(notifications.uid, uid), eq(notifications.userId, userId), eq(notifications.status, "ACTIVE"));
  const [marked, counted, rows] = await db.batch([
    db
      .update(notifications)
      .set({ isRead: true, updatedAt: nowIso() })
      .where(and(mine, eq(notifications.isRead, false))),
    recount(db, userId),
    selectWithCreator(db, mine),
  ]);
  const entry = rows[0];
  if (!entry) throw notificationNotFound();
  return {
    item: toItem(entry, ownerSummary(user, userId)),
    update: recounted(userId, counted),
    changed: marked.meta.changes > 0,
  };
}

export type DetailPatch = { isRead?: boolean; status?: NotificationStatus };

/**
 * Updates `is_read` and `status` of the caller's ACTIVE notification. Without an explicit
 * `is_read` the row is marked read, as any access to it is in the original.
 */
export async function updateNotification(
  db: Db,
  user: UserRow | undefined,
  userId: string,
  uid: string,
  patch: DetailPatch,
): Promise<DetailResult> {
  const mine = and(eq(notifications.uid, uid), eq(notifications.userId, userId));
  const [updated, counted, rows] = await db.batch([
    db
      .update(notifications)
      .set({ isRead: patch.isRead ?? true, ...(patch.status && { status: patch.status }), updatedAt: nowIso() })
      .where(and(mine, eq(notifications.status, "ACTIVE"))),
    recount(db, userId),
    // Any status: the patch may just have moved the row out of ACTIVE.
    selectWithCreator(db, mine),
  ]);
  const entry = rows[0];
  if (updated.meta.changes === 0 || !entry) throw notificationNotFound();
  return { item: toItem(entry, ownerSummary(user, userId)), update: recounted(userId, counted), changed: true };
}

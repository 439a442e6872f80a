import { and, eq, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type NotificationStatus, notifications, type UserRow } from "../db/schema";
import { d1Statement, inJsonList } from "../db/sql";
import { notificationNotFound } from "../errors";
import { nowIso } from "../lib/time";
import { bumpVersions, type CountsRow, type CountsUpdate, countsOf, onlyUpdate } from "./counts";
import { expireDue } from "./expiry";
import { ownerSummary, selectWithCreator, toItem } from "./feed";
import type { MarkAction } from "./schemas";
import type { NotificationItem } from "./serialize";

export type ActionResult = { update: CountsUpdate; changed: number };

/** What reading sets: read now, and seen now unless it was seen before (reading implies seen). */
const readNow = (now: string) => ({
  isRead: true,
  readAt: now,
  seenAt: sql`coalesce(${notifications.seenAt}, ${now})`,
  updatedAt: now,
});

/**
 * Applies a bulk action to the caller's own notifications (the original matched uids of any user):
 * one UPDATE, whose triggers move the counters, and the version bump, in one transaction whatever
 * the number of rows. "All" actions stop at `before` when given, so a notification that arrived
 * after the client drew its list is not swallowed.
 */
export async function applyAction(
  db: Db,
  user: UserRow | undefined,
  userId: string,
  action: MarkAction,
): Promise<ActionResult> {
  const choice = action.action_choice;
  if (choice === "UNDEFINED") return { update: { userId, counts: countsOf(user), listening: false }, changed: 0 };
  const now = nowIso();
  const n = notifications;
  const live = eq(n.inbox, 0);
  const uids = action.notification_uids ?? [];
  const groups = action.group_keys ?? [];
  const targets = or(
    uids.length > 0 ? inJsonList(n.uid, uids) : undefined,
    groups.length > 0 ? inJsonList(n.groupKey, groups) : undefined,
  );
  const upTo = action.before === undefined ? undefined : lte(n.id, action.before);
  const plan: Record<Exclude<MarkAction["action_choice"], "UNDEFINED">, [Record<string, unknown>, SQL | undefined]> = {
    MARK_ALL_AS_READ: [readNow(now), and(live, eq(n.isRead, false), upTo)],
    MARK_AS_READ: [readNow(now), and(live, eq(n.isRead, false), targets)],
    REMOVED_ALL: [{ status: "REMOVED", updatedAt: now }, and(eq(n.status, "ACTIVE"), isNull(n.expiredAt), upTo)],
    MARK_AS_REMOVED: [{ status: "REMOVED", updatedAt: now }, and(eq(n.status, "ACTIVE"), isNull(n.expiredAt), targets)],
    MARK_AS_SEEN: [{ seenAt: now }, and(live, isNull(n.seenAt), targets)],
    MARK_ALL_AS_SEEN: [{ seenAt: now }, and(live, isNull(n.seenAt), upTo)],
    MARK_AS_UNREAD: [{ isRead: false, readAt: null, updatedAt: now }, and(live, eq(n.isRead, true), targets)],
    ARCHIVE: [{ archivedAt: now, updatedAt: now }, and(live, targets)],
    UNARCHIVE: [{ archivedAt: null, updatedAt: now }, and(eq(n.inbox, 1), targets)],
    ARCHIVE_ALL: [{ archivedAt: now, updatedAt: now }, and(live, upTo)],
    ARCHIVE_ALL_READ: [{ archivedAt: now, updatedAt: now }, and(live, eq(n.isRead, true), upTo)],
    MARK_AS_INTERACTED: [
      { ...readNow(now), interactedAt: now, interactedAction: action.action_id ?? null },
      // A named action must be one of the notification's own: an invented id is not recorded.
      and(
        live,
        targets,
        action.action_id === undefined
          ? undefined
          : sql`EXISTS (SELECT 1 FROM json_each(${n.actions}) WHERE json_extract(value, '$.id') = ${action.action_id})`,
      ),
    ],
  };
  const [set, where] = plan[choice];
  // RETURNING counts the rows: D1's meta.changes also counts what the counter triggers wrote.
  const update = db
    .update(n)
    .set(set)
    .where(and(eq(n.userId, userId), where))
    .returning({ id: n.id });
  const results = await db.$client.batch<CountsRow>([
    ...expireDue(db, [userId], now).map((statement) => d1Statement(db, statement)),
    d1Statement(db, update),
    d1Statement(db, bumpVersions([userId])),
  ]);
  const changed = results[2]?.results.length ?? 0;
  return { update: onlyUpdate(userId, results[3]?.results ?? []), changed };
}

export type DetailResult = { item: NotificationItem; update: CountsUpdate; changed: boolean };

/** Runs `write` on the caller's notification `uid`, then bumps the version and reads the row back. */
async function writeOne(db: Db, user: UserRow | undefined, userId: string, uid: string, write: SQL | null) {
  const mine = and(eq(notifications.uid, uid), eq(notifications.userId, userId));
  const now = nowIso();
  const statements = [
    ...expireDue(db, [userId], now).map((statement) => d1Statement(db, statement)),
    ...(write ? [d1Statement(db, write)] : []),
    d1Statement(db, bumpVersions([userId])),
  ];
  const results = await db.$client.batch<CountsRow>(statements);
  // Read after the write commits: the batch above cannot carry drizzle's joined select.
  const rows = await selectWithCreator(db, mine);
  const written = write ? (results[2]?.results.length ?? 0) : 0;
  return {
    entry: rows[0],
    update: onlyUpdate(userId, results.at(-1)?.results ?? []),
    changed: written > 0,
    owner: ownerSummary(user, userId),
  };
}

/** The caller's live notification, marked read as a side effect (as the original does). */
export async function openNotification(
  db: Db,
  user: UserRow | undefined,
  userId: string,
  uid: string,
): Promise<DetailResult> {
  const n = notifications;
  const mine = and(eq(n.uid, uid), eq(n.userId, userId));
  const write = db
    .update(n)
    .set(readNow(nowIso()))
    .where(and(mine, eq(n.inbox, 0), eq(n.isRead, false)))
    .returning({ id: n.id });
  const { entry, update, changed, owner } = await writeOne(db, user, userId, uid, sqlOf(write));
  if (entry?.row.inbox !== 0) throw notificationNotFound();
  return { item: toItem(entry, owner), update, changed };
}

export type DetailPatch = { isRead?: boolean; status?: NotificationStatus };

/**
 * Updates `is_read` and `status` of the caller's live notification. Without an explicit
 * `is_read` the row is marked read, as any access to it is in the original.
 */
export async function updateNotification(
  db: Db,
  user: UserRow | undefined,
  userId: string,
  uid: string,
  patch: DetailPatch,
): Promise<DetailResult> {
  const n = notifications;
  const now = nowIso();
  const read = patch.isRead ?? true;
  const write = db
    .update(n)
    .set({
      ...(read ? readNow(now) : { isRead: false, readAt: null, updatedAt: now }),
      ...(patch.status && { status: patch.status }),
    })
    .where(and(eq(n.uid, uid), eq(n.userId, userId), eq(n.inbox, 0)))
    .returning({ id: n.id });
  const { entry, update, changed, owner } = await writeOne(db, user, userId, uid, sqlOf(write));
  if (!changed || !entry) throw notificationNotFound();
  return { item: toItem(entry, owner), update, changed: true };
}

/** A drizzle update builder as plain SQL (d1Statement takes either). */
function sqlOf(builder: { getSQL(): SQL }): SQL {
  return builder.getSQL();
}

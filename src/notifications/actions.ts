import { and, eq, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type NotificationStatus, notifications, type UserRow } from "../db/schema";
import { d1Statement, inJsonList } from "../db/sql";
import { notificationNotFound } from "../errors";
import { nowIso } from "../lib/time";
import { frameOf } from "../realtime/frames";
import { bumpVersions, type CountsRow, type CountsUpdate, countsOf, onlyUpdate } from "./counts";
import { expiryStatements } from "./expiry";
import { ownerSummary, selectWithCreator, toItem } from "./feed";
import { type ChangeRecord, fillCounts, type OutboxRow, recordChange } from "./outbox";
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
  const rows = and(eq(n.userId, userId), where);
  // RETURNING counts the rows: D1's meta.changes also counts what the counter triggers wrote.
  const update = db.update(n).set(set).where(rows).returning({ id: n.id });
  const { update: counts, changed } = await writeAndRecord(db, userId, now, sqlOf(update), rows, changeOf(action, now));
  return { update: counts, changed };
}

/** What an action records in the outbox: its change, and the uids it changes or `all` (up to `before`). */
function changeOf(action: MarkAction, at: string): ChangeRecord {
  const choice = action.action_choice;
  const change = CHANGES[choice as keyof typeof CHANGES] ?? "read";
  if (choice.includes("_ALL")) {
    const extra = {
      ...(action.before !== undefined && { before: action.before }),
      ...(choice === "ARCHIVE_ALL_READ" && { only_read: true }),
    };
    return { change, at, target: "all", extra };
  }
  const extra = choice === "MARK_AS_INTERACTED" ? { action_id: action.action_id ?? null } : undefined;
  return { change, at, target: "uids", extra, groupKeys: action.group_keys };
}

const CHANGES = {
  MARK_ALL_AS_READ: "read",
  MARK_AS_READ: "read",
  REMOVED_ALL: "removed",
  MARK_AS_REMOVED: "removed",
  MARK_AS_SEEN: "seen",
  MARK_ALL_AS_SEEN: "seen",
  MARK_AS_UNREAD: "unread",
  ARCHIVE: "archived",
  UNARCHIVE: "unarchived",
  ARCHIVE_ALL: "archived",
  ARCHIVE_ALL_READ: "archived",
  MARK_AS_INTERACTED: "interacted",
} as const;

/**
 * One transaction: due expiries, the outbox row naming what `write` is about to change (`rows`),
 * the write, the version bump, the row's counts. Returns the update (with its events.v1 frame)
 * and how many rows the write returned.
 */
async function writeAndRecord(
  db: Db,
  userId: string,
  now: string,
  write: SQL,
  rows: SQL | undefined,
  record: ChangeRecord,
) {
  const expiry = expiryStatements(db, [userId], now);
  const results = await db.$client.batch([
    ...expiry,
    d1Statement(db, recordChange(userId, rows, record)),
    d1Statement(db, write),
    d1Statement(db, bumpVersions([userId])),
    d1Statement(db, fillCounts(userId)),
  ]);
  const at = expiry.length;
  const changed = results[at + 1]?.results.length ?? 0;
  const update = onlyUpdate(userId, (results[at + 2]?.results ?? []) as CountsRow[]);
  const event = (results[at + 3]?.results as OutboxRow[] | undefined)?.[0];
  return { update: event ? { ...update, frame: frameOf(event) } : update, changed };
}

export type DetailResult = { item: NotificationItem; update: CountsUpdate; changed: boolean };

/**
 * Runs `write` (on the rows `where` selects) on the caller's notification `uid`, with its outbox
 * row and the version bump, then reads the row back.
 */
async function writeOne(
  db: Db,
  user: UserRow | undefined,
  userId: string,
  uid: string,
  write: { sql: SQL; where: SQL | undefined; record: ChangeRecord },
) {
  const mine = and(eq(notifications.uid, uid), eq(notifications.userId, userId));
  const { update, changed } = await writeAndRecord(db, userId, write.record.at, write.sql, write.where, write.record);
  // Read after the write commits: the batch above cannot carry drizzle's joined select.
  const rows = await selectWithCreator(db, mine);
  return { entry: rows[0], update, changed: changed > 0, owner: ownerSummary(user, userId) };
}

/** The caller's live notification, marked read as a side effect (as the original does). */
export async function openNotification(
  db: Db,
  user: UserRow | undefined,
  userId: string,
  uid: string,
): Promise<DetailResult> {
  const n = notifications;
  const now = nowIso();
  const mine = and(eq(n.uid, uid), eq(n.userId, userId));
  const where = and(mine, eq(n.inbox, 0), eq(n.isRead, false));
  const write = db.update(n).set(readNow(now)).where(where).returning({ id: n.id });
  const record: ChangeRecord = { change: "read", at: now, target: "uids" };
  const { entry, update, changed, owner } = await writeOne(db, user, userId, uid, { sql: sqlOf(write), where, record });
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
  const where = and(eq(n.uid, uid), eq(n.userId, userId), eq(n.inbox, 0));
  const write = db
    .update(n)
    .set({
      ...(read ? readNow(now) : { isRead: false, readAt: null, updatedAt: now }),
      ...(patch.status && { status: patch.status }),
    })
    .where(where)
    .returning({ id: n.id });
  const { entry, update, changed, owner } = await writeOne(db, user, userId, uid, {
    sql: sqlOf(write),
    where,
    record: patchRecord(patch, read, now),
  });
  if (!changed || !entry) throw notificationNotFound();
  return { item: toItem(entry, owner), update, changed: true };
}

/**
 * A PATCH's change: a status that takes the row out of the feed is `removed` (REMOVED) or
 * `status` (carrying it); otherwise the read state it set.
 */
function patchRecord(patch: DetailPatch, read: boolean, at: string): ChangeRecord {
  if (patch.status === "REMOVED") return { change: "removed", at, target: "uids" };
  if (patch.status && patch.status !== "ACTIVE")
    return { change: "status", at, target: "uids", extra: { status: patch.status } };
  return { change: read ? "read" : "unread", at, target: "uids" };
}

/** A drizzle update builder as plain SQL (d1Statement takes either). */
function sqlOf(builder: { getSQL(): SQL }): SQL {
  return builder.getSQL();
}

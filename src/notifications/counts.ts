import { eq, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications, type UserRow, userCategoryCounts, users } from "../db/schema";
import { inJsonList } from "../db/sql";
import { nowIso } from "../lib/time";
import type { EventFrame } from "../realtime/frames";
import { readAfterExpiry } from "./expiry";
import { recordBumped } from "./outbox";
import type { CountsBody } from "./wire";

/**
 * A user's counts of live notifications (ACTIVE, not archived, not expired), of archived ones,
 * and the version of the write that produced them. The counters are kept by triggers
 * (migration 0008) in the statement that changes a row; writes only bump the version.
 */
export type Counts = {
  total: number;
  read: number;
  unseen: number;
  archived: number;
  version: number;
  /** When the user's next notification expires (the hub wakes then to push fresh counts). */
  nextExpiry?: string | null;
};

export const ZERO_COUNTS: Counts = { total: 0, read: 0, unseen: 0, archived: 0, version: 0 };

/**
 * Fresh counts for one user, whether their hub has sockets to tell, and the events.v1 frame of
 * that version (from the outbox row the write returned) when the writer has it.
 */
export type CountsUpdate = { userId: string; counts: Counts; listening: boolean; frame?: EventFrame };

export function countsOf(user: UserRow | undefined): Counts {
  return user
    ? {
        total: user.totalNotifications,
        read: user.readNotifications,
        unseen: user.unseenNotifications,
        archived: user.archivedNotifications,
        version: user.countsVersion,
        nextExpiry: user.nextExpiryAt,
      }
    : ZERO_COUNTS;
}

/** A counters update's raw RETURNING row (see COUNTS_RETURNING), as D1 gives it outside drizzle. */
export type CountsRow = Counts & { userId: string; listening: 0 | 1 };

/** The RETURNING clause of a raw UPDATE of users: rows for `countsUpdates`. */
export const COUNTS_RETURNING = sql.raw(
  "RETURNING id AS userId, total_notifications AS total, read_notifications AS read, unseen_notifications AS unseen, archived_notifications AS archived, counts_version AS version, next_expiry_at AS nextExpiry, has_sockets AS listening",
);

/**
 * Bumps the version of these users' counts and returns the counts. Put it in the same batch (one
 * transaction), after the statements that changed their rows: the triggers have already moved the
 * counters, so the returned counts are exact and versions increase in commit order.
 */
export function bumpVersions(userIds: readonly string[]) {
  return sql`UPDATE ${users} SET counts_version = counts_version + 1
    WHERE ${inJsonList(users.id, userIds)} ${COUNTS_RETURNING}`;
}

/** The updates to push, from the RETURNING rows of a raw counters update. */
export function countsUpdates(rows: CountsRow[]): CountsUpdate[] {
  return rows.map(({ userId, listening, ...counts }) => ({ userId, counts, listening: listening === 1 }));
}

/** The first (only) update of a bump for one user; an unknown user has zero counts and no listener. */
export function onlyUpdate(userId: string, rows: CountsRow[]): CountsUpdate {
  return countsUpdates(rows)[0] ?? { userId, counts: ZERO_COUNTS, listening: false };
}

/**
 * The counts part of every response and socket frame: the original's three keys in its order,
 * then `unseen_notifications` (added, so clients of the original are unaffected).
 */
export function countsBody(counts: Counts): CountsBody {
  return {
    total_notifications: counts.total,
    read_notifications: counts.read,
    unread_notifications: counts.total - counts.read,
    unseen_notifications: counts.unseen,
  };
}

/**
 * A body that carries the counts, with its keys in the order clients of the original expect: the
 * original's three counts, then `body` (the original's other keys), then the added
 * `unseen_notifications` last.
 */
export function withCounts<T extends object>(counts: Counts, body: T) {
  const { unseen_notifications, ...original } = countsBody(counts);
  return { ...original, ...body, unseen_notifications };
}

export type CategoryCounts = Record<string, { total: number; unread: number; unseen: number }>;

/**
 * Every count of the user, per category too, after expiring what is due: one batch, so the
 * categories add up to the totals.
 */
export async function allCounts(db: Db, userId: string, now: string) {
  const [userRows, categoryRows] = await readAfterExpiry(
    db,
    userId,
    now,
    () => db.batch([...userAndCategories(db, userId)]),
    ([found]) => found[0],
  );
  return { user: userRows[0], counts: countsOf(userRows[0]), categories: liveCategories(categoryRows) };
}

/** For one batch: the user's row, and their per-category counters in category order. */
export function userAndCategories(db: Db, userId: string) {
  return [
    db.select().from(users).where(eq(users.id, userId)),
    db
      .select()
      .from(userCategoryCounts)
      .where(eq(userCategoryCounts.userId, userId))
      .orderBy(userCategoryCounts.category),
  ] as const;
}

/** The categories shown from the per-category counter rows, in their order. */
export function liveCategories(
  rows: readonly { category: string; total: number; unread: number; unseen: number }[],
): CategoryCounts {
  // Prototype-less: a category named like an Object member ("constructor") stays an ordinary key.
  const categories: CategoryCounts = Object.create(null);
  // Categories with no live notification left are kept as rows (they are cheap) but not shown.
  for (const row of rows) {
    if (row.total > 0) categories[row.category] = { total: row.total, unread: row.unread, unseen: row.unseen };
  }
  return categories;
}

/**
 * Rebuilds these users' counters (every user's without a list) from their rows: the users' columns
 * and their per-category counts, and bumps their versions (a `reset` outbox row each, reason
 * `bulk_change`, written last so it carries the rebuilt categories: rows arrived that no frame
 * told, so an open client must refetch its lists, not only its counts). The triggers keep the
 * counters exact on every write; this is the repair a bulk load (the data import) ends with.
 */
export function recountUsers(userIds?: readonly string[], now = nowIso()): SQL[] {
  const owner = (column: SQLWrapper) => (userIds ? sql`AND ${inJsonList(column, userIds)}` : sql``);
  const mine = sql`n.user_id = ${users.id}`;
  return [
    sql`UPDATE ${users} SET
        total_notifications = (SELECT count(*) FROM ${notifications} n WHERE ${mine} AND n.inbox = 0),
        read_notifications = (SELECT count(*) FROM ${notifications} n WHERE ${mine} AND n.inbox = 0 AND n.is_read = 1),
        unseen_notifications = (SELECT count(*) FROM ${notifications} n WHERE ${mine} AND n.inbox = 0 AND n.seen_at IS NULL),
        archived_notifications = (SELECT count(*) FROM ${notifications} n WHERE ${mine} AND n.inbox = 1),
        next_expiry_at = (SELECT min(n.expires_at) FROM ${notifications} n
          WHERE ${mine} AND n.expires_at IS NOT NULL AND n.expired_at IS NULL),
        counts_version = counts_version + 1
      WHERE true ${owner(users.id)}`,
    sql`DELETE FROM ${userCategoryCounts} WHERE true ${owner(userCategoryCounts.userId)}`,
    sql`INSERT INTO ${userCategoryCounts} (user_id, category, total, unread, unseen)
      SELECT user_id, category, count(*), sum(is_read = 0), sum(seen_at IS NULL) FROM ${notifications}
      WHERE inbox = 0 ${owner(notifications.userId)} GROUP BY user_id, category`,
    recordBumped(userIds ?? null, "reset", { reason: "bulk_change" }, now),
  ];
}

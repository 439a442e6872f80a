import { and, eq, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications, type UserRow, users } from "../db/schema";
import { inJsonList } from "../db/sql";
import type { CountsBody } from "./wire";

/** A user's ACTIVE counts and the version of the write that produced them. */
export type Counts = { total: number; read: number; version: number };

export const ZERO_COUNTS: Counts = { total: 0, read: 0, version: 0 };

/** Fresh counts for one user, and whether their hub has sockets to tell. */
export type CountsUpdate = { userId: string; counts: Counts; listening: boolean };

const RETURNED = {
  total: users.totalNotifications,
  read: users.readNotifications,
  version: users.countsVersion,
  listening: users.hasSockets,
};

export function countsOf(user: UserRow | undefined): Counts {
  return user
    ? { total: user.totalNotifications, read: user.readNotifications, version: user.countsVersion }
    : ZERO_COUNTS;
}

/**
 * Recomputes a user's counters from the covering index and bumps the version, returning both
 * (and whether the user's hub is listening).
 * Put it in the same `db.batch` as the write it follows: the batch is one transaction, so the
 * counters can never drift from the rows, and versions increase in commit order.
 */
export function recount(db: Db, userId: string) {
  return db.update(users).set(recountedColumns(userId)).where(eq(users.id, userId)).returning(RETURNED);
}

/**
 * `recount` for many users in one statement (the data import), or for every user without a list:
 * each row's counters from its own notifications. The same columns as `recount`, so a new counter
 * is added in one place.
 */
export function recountUsers(db: Db, userIds?: readonly string[]) {
  const update = db.update(users).set(recountedColumns(users.id));
  return userIds ? update.where(inJsonList(users.id, userIds)) : update;
}

/** The counters recomputed from the ACTIVE rows of `owner`: an id, or users.id to correlate. */
function recountedColumns(owner: string | SQLWrapper) {
  const active = and(eq(notifications.userId, owner), eq(notifications.status, "ACTIVE"));
  return {
    totalNotifications: sql`(SELECT count(*) FROM ${notifications} WHERE ${active})`,
    readNotifications: sql`(SELECT count(*) FROM ${notifications} WHERE ${active} AND ${notifications.isRead} = 1)`,
    countsVersion: sql`${users.countsVersion} + 1`,
  };
}

/** A counters update's raw RETURNING row (see COUNTS_RETURNING), as D1 gives it outside drizzle. */
export type CountsRow = Counts & { userId: string; listening: 0 | 1 };

/** The RETURNING clause of a raw UPDATE of users' counters: rows for `countsUpdates`. */
export const COUNTS_RETURNING = sql.raw(
  "RETURNING id AS userId, total_notifications AS total, read_notifications AS read, counts_version AS version, has_sockets AS listening",
);

/** The updates to push, from the RETURNING rows of a raw counters update. */
export function countsUpdates(rows: CountsRow[]): CountsUpdate[] {
  return rows.map(({ userId, listening, ...counts }) => ({ userId, counts, listening: listening === 1 }));
}

/** The counts part of every response and socket frame, in the original's key order. */
export function countsBody(counts: Counts): CountsBody {
  return {
    total_notifications: counts.total,
    read_notifications: counts.read,
    unread_notifications: counts.total - counts.read,
  };
}

/** The update to push after `recount` ran (no row: the user is unknown, so nobody listens). */
export function recounted(
  userId: string,
  rows: { total: number; read: number; version: number; listening: boolean }[],
) {
  const row = rows[0];
  if (!row) return { userId, counts: ZERO_COUNTS, listening: false } satisfies CountsUpdate;
  const { listening, ...counts } = row;
  return { userId, counts, listening } satisfies CountsUpdate;
}

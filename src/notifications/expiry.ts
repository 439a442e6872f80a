import { and, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications, users } from "../db/schema";
import { d1Statement, inJsonList } from "../db/sql";
import { recordExpiry } from "./outbox";

/**
 * Expires the due notifications of these users: `expired_at` set (the triggers take them out of
 * every count, the generated `inbox` out of every feed), and each user's `next_expiry_at` moved on
 * and counts version bumped (their counts changed: sockets must be told).
 * Put these first in the batch of any read or write of the users' notifications, so what it
 * reads never includes an expired row; with nothing due they are two index probes per user.
 * Run them through `expiryStatements`, which adds the bump's outbox row.
 */
export function expireDue(db: Db, userIds: readonly string[], now: string) {
  const [only] = userIds;
  const owner =
    userIds.length === 1 && only !== undefined
      ? eq(notifications.userId, only)
      : inJsonList(notifications.userId, userIds);
  const user = userIds.length === 1 && only !== undefined ? eq(users.id, only) : inJsonList(users.id, userIds);
  // The predicates repeat the partial expiry index's condition, so SQLite can use it.
  const unexpired = and(isNotNull(notifications.expiresAt), isNull(notifications.expiredAt));
  return [
    db
      .update(notifications)
      .set({ expiredAt: now })
      .where(and(owner, unexpired, lte(notifications.expiresAt, now))),
    db
      .update(users)
      .set({
        nextExpiryAt: sql`(SELECT min(n.expires_at) FROM ${notifications} n
          WHERE n.user_id = ${users.id} AND n.expires_at IS NOT NULL AND n.expired_at IS NULL)`,
        countsVersion: sql`${users.countsVersion} + 1`,
      })
      .where(and(user, isNotNull(users.nextExpiryAt), lte(users.nextExpiryAt, now))),
  ] as const;
}

/**
 * expireDue as D1 statements, with the outbox row of its bump written between the two, under the
 * bump's condition (which the bump then clears): the expired rows' uids at counts_version + 1.
 */
export function expiryStatements(db: Db, userIds: readonly string[], now: string): D1PreparedStatement[] {
  const [expire, bump] = expireDue(db, userIds, now);
  return [d1Statement(db, expire), d1Statement(db, recordExpiry(userIds, now)), d1Statement(db, bump)];
}

/**
 * Runs `read` (which reads the user's row, with anything else in the same batch); when the row
 * says an expiry is due, expires what is due and reads again. Reads stay read-only (one round
 * trip) unless a notification actually expired since the user's last read or write.
 */
export async function readAfterExpiry<T>(
  db: Db,
  userId: string,
  now: string,
  read: () => Promise<T>,
  userOf: (result: T) => { nextExpiryAt: string | null } | undefined,
): Promise<T> {
  const first = await read();
  const due = userOf(first)?.nextExpiryAt;
  if (!due || due > now) return first;
  await db.$client.batch(expiryStatements(db, [userId], now));
  return read();
}

/** The user's row, due expiries applied: its counters are exact now. */
export async function currentUser(db: Db, userId: string, now: string) {
  return readAfterExpiry(
    db,
    userId,
    now,
    () => db.select().from(users).where(eq(users.id, userId)).get(),
    (user) => user,
  );
}

/** Users expired per statement batch, and batches per run: bounded work for one cron invocation. */
const EXPIRE_USERS_PER_BATCH = 200;
const EXPIRE_MAX_BATCHES = 50;

/**
 * Expires what is due for every user, whether or not they come back: their counters drop and
 * retention can then delete the rows. Found through the partial index of unexpired expiries.
 * Returns how many users were touched.
 */
export async function expireEveryone(db: Db, now: string): Promise<number> {
  let touched = 0;
  for (let batch = 0; batch < EXPIRE_MAX_BATCHES; batch++) {
    const due = await db.all<{ user_id: string }>(
      sql`SELECT DISTINCT user_id FROM ${notifications} INDEXED BY notifications_expiry_all_idx
        WHERE expires_at IS NOT NULL AND expired_at IS NULL AND expires_at <= ${now} LIMIT ${EXPIRE_USERS_PER_BATCH}`,
    );
    if (due.length === 0) break;
    await db.$client.batch(
      expiryStatements(
        db,
        due.map((row) => row.user_id),
        now,
      ),
    );
    touched += due.length;
    if (due.length < EXPIRE_USERS_PER_BATCH) break;
  }
  return touched;
}

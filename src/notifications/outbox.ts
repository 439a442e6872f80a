import { SQL, sql } from "drizzle-orm";
import { inJsonList } from "../db/sql";

/**
 * The statements that write the events.v1 outbox (inbox_events, see src/db/schema.ts). The rule:
 * every statement that bumps `users.counts_version` is paired, in the same batch, with one of
 * these, which writes exactly one row per bumped user at the new version. So versions in the
 * outbox have no gaps and no duplicates (the primary key refuses a second row for a version),
 * and a resume can prove it saw every change.
 */

/** A row as the outbox statements return it (raw D1: the JSON columns are text). */
export type OutboxRow = { userId: string; version: number; kind: OutboxKind; data: string; counts: string };
export type OutboxKind = "counts" | "created" | "changed" | "preferences" | "reset";

const RETURNING = sql.raw("RETURNING user_id AS userId, version, kind, data, counts");

/**
 * Inserts the rows `select` gives (columns user_id, version, kind, data, counts, created_at) with
 * their `size`: the bytes of `data`, which the resume's byte bound sums from an index.
 */
const insertRows = (select: SQL, returning = false) =>
  sql`INSERT INTO inbox_events (user_id, version, kind, data, size, counts, created_at)
    SELECT r.user_id, r.version, r.kind, r.data, length(CAST(r.data AS BLOB)), r.counts, r.created_at
    FROM (${select}) r WHERE true ${returning ? RETURNING : sql``}`;

/**
 * The full counts object of user `u` as the frames carry it: the counters and the categories with
 * a live notification (json(): a subquery's JSON would otherwise be embedded as a string).
 */
const COUNTS_JSON = sql.raw(`json_object('total', u.total_notifications, 'read', u.read_notifications,
  'unread', u.total_notifications - u.read_notifications, 'unseen', u.unseen_notifications,
  'archived', u.archived_notifications,
  'categories', json((SELECT json_group_object(c.category, json_object('total', c.total, 'unread', c.unread, 'unseen', c.unseen))
    FROM user_category_counts c WHERE c.user_id = u.id AND c.total > 0)))`);

/** These users (`u`); null: every user. */
const byUser = (userIds: readonly string[] | null) =>
  userIds === null
    ? sql`true`
    : userIds.length === 1
      ? sql`u.id = ${userIds[0]}`
      : inJsonList(sql.raw("u.id"), userIds);

/**
 * After a bump of `userIds`: one row per user at their new version, with `data` (a JSON object,
 * or SQL giving one) and the counts as they are now.
 */
export function recordBumped(
  userIds: readonly string[] | null,
  kind: OutboxKind,
  data: object | SQL,
  now: string,
): SQL {
  const json = data instanceof SQL ? data : sql`${JSON.stringify(data)}`;
  return insertRows(
    sql`SELECT u.id AS user_id, u.counts_version AS version, ${kind} AS kind, ${json} AS data,
      ${COUNTS_JSON} AS counts, ${now} AS created_at FROM users u WHERE ${byUser(userIds)}`,
    true,
  );
}

/**
 * After the bump of a create's recipients (`pairs` of [uid, userId], one per bumped user):
 * `created` naming the uid for those whose row this batch inserted, `counts` for the others
 * (they turned the category off, or a redelivered fan-out chunk had stored it before: its
 * created_at is an earlier batch's).
 */
export function recordCreated(pairs: readonly [string, string][], now: string): SQL {
  return insertRows(
    sql`SELECT u.id AS user_id, u.counts_version AS version, CASE WHEN n.uid IS NULL THEN 'counts' ELSE 'created' END AS kind,
      CASE WHEN n.uid IS NULL THEN '{}' ELSE json_object('uid', n.uid) END AS data, ${COUNTS_JSON} AS counts, ${now} AS created_at
    FROM json_each(${JSON.stringify(pairs)}) p JOIN users u ON u.id = json_extract(p.value, '$[1]')
    LEFT JOIN notifications n ON n.uid = json_extract(p.value, '$[0]') AND n.created_at = ${now}`,
    true,
  );
}

/**
 * What a change of rows records: `uids` are looked up, `all` is a bulk action's frame. An action
 * by `groupKeys` that changes more than MAX_FRAME_UIDS rows names the groups instead of the uids.
 */
export type ChangeRecord = {
  change: string;
  at: string;
  target: "uids" | "all";
  extra?: Record<string, unknown>;
  groupKeys?: readonly string[];
};

/** Uids one frame names at most (an action by uids names at most 1,000 anyway). */
export const MAX_FRAME_UIDS = 1000;

/**
 * BEFORE the statement that changes the rows matching `rows` (a condition on notifications, the
 * user's own): the user's row for the coming version (counts_version + 1), naming the uids that
 * are about to change (or `all`). When nothing matches, a `counts` row: the version still moves.
 * Its counts are filled by `fillCounts` after the bump.
 */
export function recordChange(userId: string, rows: SQL | undefined, record: ChangeRecord): SQL {
  const base = JSON.stringify({
    change: record.change,
    ...(record.target === "all" && { all: true }),
    ...record.extra,
    at: record.at,
  });
  const matched =
    record.target === "uids"
      ? sql`(SELECT json_group_array(uid) FROM notifications WHERE ${rows})`
      : sql`(SELECT CASE WHEN EXISTS (SELECT 1 FROM notifications WHERE ${rows}) THEN '[0]' ELSE '[]' END)`;
  const groups = record.groupKeys?.length ? JSON.stringify(record.groupKeys) : null;
  const byGroup = groups
    ? sql`WHEN json_array_length(x.m) > ${MAX_FRAME_UIDS} THEN json_set(${base}, '$.group_keys', json(${groups}))`
    : sql``;
  const data =
    record.target === "uids"
      ? sql`CASE WHEN x.m = '[]' THEN '{}' ${byGroup} ELSE json_set(${base}, '$.uids', json(x.m)) END`
      : sql`CASE WHEN x.m = '[]' THEN '{}' ELSE ${base} END`;
  return insertRows(sql`SELECT u.id AS user_id, u.counts_version + 1 AS version,
      CASE WHEN x.m = '[]' THEN 'counts' ELSE 'changed' END AS kind, ${data} AS data, '{}' AS counts, ${record.at} AS created_at
    FROM users u, (SELECT ${matched} AS m) x WHERE u.id = ${userId}`);
}

/** After the bump that follows `recordChange`: the row at the user's new version gets the counts now. */
export function fillCounts(userId: string): SQL {
  return sql`UPDATE inbox_events SET counts = (SELECT ${COUNTS_JSON} FROM users u WHERE u.id = inbox_events.user_id)
    WHERE user_id = ${userId} AND version = (SELECT counts_version FROM users WHERE id = ${userId}) ${RETURNING}`;
}

/**
 * BEFORE expireDue's bump of the users it applies to (same condition): their row at
 * counts_version + 1, naming the uids just expired (the notifications update ran first, so the
 * counts are already the new ones), or `counts` when none of them was visible.
 */
export function recordExpiry(userIds: readonly string[], now: string): SQL {
  return insertRows(sql`SELECT d.id AS user_id, d.version, CASE WHEN d.uids = '[]' THEN 'counts' ELSE 'changed' END AS kind,
      CASE WHEN d.uids = '[]' THEN '{}' ELSE json_object('change', 'expired', 'uids', json(d.uids), 'at', ${now}) END AS data,
      d.counts, ${now} AS created_at
    FROM (SELECT u.id, u.counts_version + 1 AS version, ${COUNTS_JSON} AS counts,
        (SELECT json_group_array(n.uid) FROM notifications n INDEXED BY notifications_expired_idx
          WHERE n.expired_at = ${now} AND n.user_id = u.id AND n.status = 'ACTIVE') AS uids
      FROM users u WHERE ${byUser(userIds)} AND u.next_expiry_at IS NOT NULL AND u.next_expiry_at <= ${now}) d`);
}

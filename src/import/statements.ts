/**
 * The SQL that writes a batch of dump records, as drizzle `SQL` the import script runs either
 * bound on a D1 binding (local, one `batch` = one transaction) or inlined into a file for
 * `wrangler d1 execute --file` (remote). Rows travel as JSON read by json_each, so a statement's
 * size does not depend on D1's 100-parameter limit. Every write is idempotent: run twice, it
 * stores nothing twice.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications, users } from "../db/schema";
import { advanceNotificationIds } from "../db/sql";
import { recountUsers } from "../notifications/counts";
import type { NotificationRecord, SwitchRecord, UserRecord } from "./records";

export type Batch = { users: UserRecord[]; switches: SwitchRecord[]; notifications: NotificationRecord[] };
export type Role = "users" | "switches" | "bare" | "classify" | "insert" | "advance" | "recount";
export type Statement = { role: Role; query: SQL };

const field = (name: string) => sql.raw(`json_extract(value, '$.${name}')`);

/** Profiles: created, or updated only where a field differs (so `changes` counts real changes). */
function upsertUsers(rows: UserRecord[], now: string): SQL {
  const names = ["first_name", "last_name", "email", "is_active"];
  const differs = sql.raw(names.map((n) => `users.${n} IS NOT excluded.${n}`).join(" OR "));
  return sql`INSERT INTO ${users} (id, first_name, last_name, email, is_active, created_at, updated_at)
    SELECT ${field("id")}, ${field("first_name")}, ${field("last_name")}, ${field("email")}, ${field("is_active")},
      coalesce(nullif(${field("created_at")}, ''), ${now}), ${now}
    FROM json_each(${JSON.stringify(rows)}) WHERE true
    ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
      email = excluded.email, is_active = excluded.is_active, updated_at = excluded.updated_at
    WHERE ${differs}`;
}

/** NotificationSettings.is_enable_notification; users without a row keep the default (on). */
function upsertSwitches(rows: SwitchRecord[], now: string): SQL {
  return sql`INSERT INTO ${users} (id, notifications_enabled, created_at, updated_at)
    SELECT ${field("id")}, ${field("enabled")}, ${now}, ${now} FROM json_each(${JSON.stringify(rows)}) WHERE true
    ON CONFLICT (id) DO UPDATE SET notifications_enabled = excluded.notifications_enabled, updated_at = excluded.updated_at
    WHERE users.notifications_enabled IS NOT excluded.notifications_enabled`;
}

/** Recipients and creators the dump did not list (yet): registered bare, as a create call does. */
function bareUsers(ids: string[], now: string): SQL {
  return sql`INSERT INTO ${users} (id, created_at, updated_at)
    SELECT value, ${now}, ${now} FROM json_each(${JSON.stringify(ids)}) WHERE true ON CONFLICT (id) DO NOTHING`;
}

/**
 * The stored notifications that share a uid or an id with the batch's rows, by position in the
 * batch: same uid and id means imported before (skipped), anything else is a conflict (refused).
 */
export function classify(rows: NotificationRecord[]): SQL {
  const json = JSON.stringify(rows.map((r) => [r.id, r.uid]));
  return sql`SELECT j.key AS position, n.id AS id, n.uid AS uid FROM json_each(${json}) j
      JOIN ${notifications} n ON n.uid = json_extract(j.value, '$[1]')
    UNION SELECT j.key, n.id, n.uid FROM json_each(${json}) j
      JOIN ${notifications} n ON n.id = json_extract(j.value, '$[0]')`;
}

/**
 * The rows with their own ids; a uid or id already stored is left alone. Sorted as the table is
 * clustered (user_id, id), so each user's rows land together instead of one page write per row.
 */
function insertNotifications(rows: NotificationRecord[]): SQL {
  const sorted = rows.toSorted((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : a.id - b.id));
  // The inbox model's columns as a create would set them: the model makes the category, and a read
  // notification was seen and read when it last changed. iif, not CASE ... END: wrangler's SQL file
  // splitter takes CASE for the start of a compound statement and runs statements together.
  return sql`INSERT INTO ${notifications}
      (id, uid, user_id, notification, model, is_read, custom_info, created_by, status, created_at, updated_at,
       category, seen_at, read_at)
    SELECT ${field("id")}, ${field("uid")}, ${field("user_id")}, ${field("doc")}, ${field("model")}, ${field("is_read")},
      ${field("info")}, ${field("created_by")}, ${field("status")}, ${field("created_at")}, ${field("updated_at")},
      ${field("category")}, iif(${field("is_read")}, ${field("updated_at")}, NULL),
      iif(${field("is_read")}, ${field("updated_at")}, NULL)
    FROM json_each(${JSON.stringify(sorted)}) WHERE true
    ON CONFLICT DO NOTHING`;
}

const utf8 = new TextEncoder();

/** Splits rows so that each statement's JSON stays under `maxBytes` (D1 caps a statement at 100 KB). */
function chunks<T>(rows: T[], maxBytes: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const row of rows) {
    // UTF-8 bytes, not characters: D1's limit is in bytes, and names or documents may be non-ASCII.
    const bytes = utf8.encode(JSON.stringify(row)).byteLength + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * The statements of one batch, in order: profiles, switches, bare users, (the conflict check),
 * the notifications, the id sequence moved past them, and (`withRecount`) the touched users'
 * counters rebuilt from the rows (the triggers keep them while rows go in; this is the repair). `withClassify` is for runs that
 * can read results; a run that rebuilds counters once at its end passes `withRecount: false`.
 */
export function batchStatements(
  _db: Db,
  batch: Batch,
  options: { now: string; maxBytes?: number; withClassify?: boolean; withRecount?: boolean },
): Statement[] {
  const { now, maxBytes = Number.POSITIVE_INFINITY, withClassify = true, withRecount = true } = options;
  const out: Statement[] = [];
  for (const part of chunks(batch.users, maxBytes)) out.push({ role: "users", query: upsertUsers(part, now) });
  for (const part of chunks(batch.switches, maxBytes)) out.push({ role: "switches", query: upsertSwitches(part, now) });
  const rows = batch.notifications;
  if (rows.length === 0) return out;
  const owners = [...new Set(rows.map((r) => r.user_id))];
  const referenced = [...new Set([...owners, ...rows.flatMap((r) => (r.created_by === null ? [] : [r.created_by]))])];
  for (const part of chunks(referenced, maxBytes)) out.push({ role: "bare", query: bareUsers(part, now) });
  if (withClassify) out.push({ role: "classify", query: classify(rows) });
  for (const part of chunks(rows, maxBytes)) out.push({ role: "insert", query: insertNotifications(part) });
  out.push({ role: "advance", query: advanceNotificationIds });
  if (withRecount) out.push(...recountStatements(owners, maxBytes));
  return out;
}

/** The counters of these users (every user without a list) rebuilt from their rows. */
export function recountStatements(userIds: string[] | undefined, maxBytes = Number.POSITIVE_INFINITY) {
  const parts = userIds === undefined ? [undefined] : chunks(userIds, maxBytes);
  return parts.flatMap((part) => recountUsers(part).map((query) => ({ role: "recount" as const, query })));
}

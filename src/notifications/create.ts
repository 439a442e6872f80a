import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  categorySettings,
  type NotificationAction,
  type NotificationBody,
  notifications,
  notificationTags,
  userPreferences,
  users,
} from "../db/schema";
import { advanceNotificationIds, d1Statement, nextNotificationId } from "../db/sql";
import { nowIso } from "../lib/time";
import { computeChangedData } from "./changed-data";
import type { CountsUpdate } from "./counts";
import { createdEvents, createdUpdates, type InsertedRow } from "./created-events";
import { expiryStatements } from "./expiry";
import { defaultCategory } from "./fields";
import type { CreateBody } from "./schemas";

export type CreateResult = { created: number; uids: string[]; skipped: number; updates: CountsUpdate[] };

/** The inbox model's fields of a notification, as stored (a fan-out job keeps them too). */
export type InboxFields = {
  category: string;
  tags: string[] | null;
  actionUrl: string | null;
  actions: NotificationAction[] | null;
  expiresAt: string | null;
  groupKey: string | null;
};

export function inboxFields(input: CreateBody): InboxFields {
  return {
    category: input.category ?? defaultCategory(input.model),
    tags: input.tags?.length ? input.tags : null,
    actionUrl: input.action_url ?? null,
    actions: input.actions?.length ? input.actions : null,
    expiresAt: input.expires_at ?? null,
    groupKey: input.group_key ?? null,
  };
}

/** The stored document: the original's create_notification_json, with changed_data computed for PATCH/PUT. */
export function notificationDocument(input: CreateBody): NotificationBody {
  let changedData = input.changed_data ?? {};
  if (!input.changed_data && input.previous && (input.method === "PATCH" || input.method === "PUT")) {
    changedData = computeChangedData(input.previous, input.instance);
  }
  return {
    message: input.message,
    model: input.model,
    instance: input.instance,
    method: input.method,
    changed_data: changedData,
  };
}

/** What the rows of one create share. */
export type RowsSource = {
  document: NotificationBody;
  customInfo: unknown;
  createdBy: string | null;
  now: string;
  fields: InboxFields;
};

/**
 * The statements that store one notification per `[uid, userId]` pair, whatever their number
 * (they travel as one JSON parameter): register unknown users bare (the creator too: created_by
 * references users), insert the rows with fresh ids (returning the rows inserted: the second
 * statement's results are InsertedRow), record the ids handed out. With `skipStoredUids`, uids
 * already stored are skipped (a fan-out chunk delivered twice).
 */
export function insertNotificationRows(
  db: Db,
  { document, customInfo, createdBy, now, fields }: RowsSource,
  rows: [uid: string, userId: string][],
  skipStoredUids = false,
): D1PreparedStatement[] {
  const userIds = rows.map(([, userId]) => userId);
  const known = createdBy === null ? userIds : [...new Set([...userIds, createdBy])];
  const info = customInfo === undefined || customInfo === null ? null : JSON.stringify(customInfo);
  return [
    d1Statement(
      db,
      sql`INSERT INTO ${users} (id, created_at, updated_at)
        SELECT value, ${now}, ${now} FROM json_each(${JSON.stringify(known)}) WHERE true
        ON CONFLICT (id) DO NOTHING`,
    ),
    d1Statement(
      db,
      sql`INSERT INTO ${notifications}
          (id, uid, user_id, notification, model, is_read, custom_info, created_by, status, created_at, updated_at,
           category, tags, action_url, actions, expires_at, group_key)
        SELECT ${nextNotificationId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), ${JSON.stringify(document)},
          ${document.model}, 0, ${info}, ${createdBy}, 'ACTIVE', ${now}, ${now},
          ${fields.category}, ${json(fields.tags)}, ${fields.actionUrl}, ${json(fields.actions)}, ${fields.expiresAt},
          ${fields.groupKey}
        FROM json_each(${JSON.stringify(rows)}) WHERE ${skipUnwanted(fields.category)}
        ${skipStoredUids ? sql`ON CONFLICT (uid) DO NOTHING` : sql``}
        RETURNING id, uid, user_id AS userId`,
    ),
    d1Statement(db, advanceNotificationIds),
    ...(fields.tags
      ? [
          d1Statement(
            db,
            sql`INSERT INTO ${notificationTags} (user_id, tag, notification_id)
              SELECT n.user_id, t.value, n.id FROM json_each(${JSON.stringify(rows.map(([uid]) => uid))}) r
              JOIN ${notifications} n ON n.uid = r.value, json_each(${JSON.stringify(fields.tags)}) t
              WHERE true ON CONFLICT DO NOTHING`,
          ),
        ]
      : []),
  ];
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

/**
 * The recipient row (`json_each` value `[uid, userId]`) is wanted when the category is critical,
 * or else unless the user turned it off (or left it at a default that is off).
 */
function skipUnwanted(category: string): SQL {
  return sql`(EXISTS (SELECT 1 FROM ${categorySettings} cs WHERE cs.category = ${category} AND cs.critical = 1)
    OR coalesce(
      (SELECT enabled FROM ${userPreferences} p WHERE p.user_id = json_extract(value, '$[1]') AND p.category = ${category}),
      (SELECT enabled_by_default FROM ${categorySettings} cs WHERE cs.category = ${category}),
      1) = 1)`;
}

/** Of these recipients, those who turned the category off (and it is not critical). */
export async function unwantedRecipients(db: Db, category: string, recipients: string[]): Promise<Set<string>> {
  const rows = await db.all<{ value: string }>(
    sql`SELECT json_extract(value, '$[1]') AS value FROM json_each(${JSON.stringify(recipients.map((id) => ["", id]))})
      WHERE NOT (${skipUnwanted(category)})`,
  );
  return new Set(rows.map((row) => row.value));
}

/**
 * One notification per distinct recipient who wants its category, written atomically in one D1
 * batch whatever the number of recipients: the rows (insertNotificationRows; the triggers count
 * them), then each recipient's counts version bumped and returned, with its outbox row.
 */
export async function createNotifications(
  db: Db,
  input: CreateBody,
  recipients: string[],
  /** More statements for the same transaction, given the result (the idempotency record). */
  alsoWrite: (result: Omit<CreateResult, "updates">) => D1PreparedStatement[] = () => [],
): Promise<CreateResult> {
  const now = nowIso();
  const fields = inboxFields(input);
  const source = {
    document: notificationDocument(input),
    customInfo: input.custom_info,
    createdBy: input.created_by ?? null,
    now,
    fields,
  };
  // Known before the write, so the answer (and its idempotency record) commits with the rows; the
  // insert applies the same rule, so a preference changed meanwhile can only skip more, never less.
  const unwanted = await unwantedRecipients(db, fields.category, recipients);
  const wanted = recipients.filter((id) => !unwanted.has(id));
  const rows = wanted.map((userId): [string, string] => [crypto.randomUUID(), userId]);
  const uids = rows.map(([uid]) => uid);
  const rowStatements = insertNotificationRows(db, source, rows);
  const expiry = expiryStatements(db, wanted, now);
  const events = createdEvents(db, rows, source.createdBy, now);
  const results = await db.$client.batch([
    ...expiry,
    ...rowStatements,
    ...events,
    ...alsoWrite({ created: rows.length, uids, skipped: unwanted.size }),
  ]);
  const inserted = (results[expiry.length + 1]?.results ?? []) as InsertedRow[];
  const start = expiry.length + rowStatements.length;
  return {
    created: rows.length,
    uids,
    skipped: unwanted.size,
    updates: createdUpdates(source, inserted, results.slice(start, start + events.length)),
  };
}

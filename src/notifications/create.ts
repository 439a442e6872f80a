import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type NotificationBody, notifications, users } from "../db/schema";
import { advanceNotificationIds, d1Statement, inJsonList, nextNotificationId } from "../db/sql";
import { nowIso } from "../lib/time";
import { computeChangedData } from "./changed-data";
import { COUNTS_RETURNING, type CountsRow, type CountsUpdate, countsUpdates } from "./counts";
import type { CreateBody } from "./schemas";

export type CreateResult = { created: number; uids: string[]; updates: CountsUpdate[] };

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
export type RowsSource = { document: NotificationBody; customInfo: unknown; createdBy: string | null; now: string };

/**
 * The statements that store one notification per `[uid, userId]` pair, whatever their number
 * (they travel as one JSON parameter): register unknown users bare (the creator too: created_by
 * references users), insert the rows with fresh ids, record the ids handed out. With
 * `skipStoredUids`, uids already stored are skipped (a fan-out chunk delivered twice).
 */
export function insertNotificationRows(
  db: Db,
  { document, customInfo, createdBy, now }: RowsSource,
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
          (id, uid, user_id, notification, model, is_read, custom_info, created_by, status, created_at, updated_at)
        SELECT ${nextNotificationId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), ${JSON.stringify(document)},
          ${document.model}, 0, ${info}, ${createdBy}, 'ACTIVE', ${now}, ${now}
        FROM json_each(${JSON.stringify(rows)}) WHERE true
        ${skipStoredUids ? sql`ON CONFLICT (uid) DO NOTHING` : sql``}`,
    ),
    d1Statement(db, advanceNotificationIds),
  ];
}

/**
 * One notification per distinct recipient, written atomically in one D1 batch whatever the number
 * of recipients: the rows (insertNotificationRows), then each recipient's counters bumped and
 * returned.
 */
export async function createNotifications(
  db: Db,
  input: CreateBody,
  recipients: string[],
  /** More statements for the same transaction, given the result (the idempotency record). */
  alsoWrite: (result: Omit<CreateResult, "updates">) => D1PreparedStatement[] = () => [],
): Promise<CreateResult> {
  const source = {
    document: notificationDocument(input),
    customInfo: input.custom_info,
    createdBy: input.created_by ?? null,
    now: nowIso(),
  };
  const rows = recipients.map((userId): [string, string] => [crypto.randomUUID(), userId]);
  const uids = rows.map(([uid]) => uid);
  const rowStatements = insertNotificationRows(db, source, rows);
  const results = await db.$client.batch<CountsRow>([
    ...rowStatements,
    // Exact without a recount: each recipient gained one ACTIVE unread row.
    d1Statement(
      db,
      sql`UPDATE ${users}
        SET total_notifications = total_notifications + 1, counts_version = counts_version + 1
        WHERE ${inJsonList(users.id, recipients)} ${COUNTS_RETURNING}`,
    ),
    ...alsoWrite({ created: rows.length, uids }),
  ]);
  return {
    created: rows.length,
    uids,
    updates: countsUpdates(results[rowStatements.length]?.results ?? []),
  };
}

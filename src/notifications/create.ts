import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type NotificationBody, notifications, users } from "../db/schema";
import { advanceNotificationIds, d1Statement, inJsonList, nextNotificationId } from "../db/sql";
import { nowIso } from "../lib/time";
import { computeChangedData } from "./changed-data";
import type { Counts, CountsUpdate } from "./counts";
import type { CreateBody } from "./schemas";

type CountsRow = Counts & { userId: string; listening: 0 | 1 };
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

/**
 * One notification per distinct recipient, written atomically in one D1 batch of three statements
 * whatever the number of recipients (ids travel as one JSON parameter): register unknown users
 * bare, insert the rows, bump each recipient's counters and return them.
 */
export async function createNotifications(
  db: Db,
  input: CreateBody,
  recipients: string[],
  /** More statements for the same transaction, given the result (the idempotency record). */
  alsoWrite: (result: Omit<CreateResult, "updates">) => D1PreparedStatement[] = () => [],
): Promise<CreateResult> {
  const createdBy = input.created_by ?? null;
  const document = notificationDocument(input);
  const now = nowIso();
  const rows = recipients.map((userId) => [crypto.randomUUID(), userId]);
  const knownIds = createdBy === null ? recipients : [...new Set([...recipients, createdBy])];
  const customInfo =
    input.custom_info === undefined || input.custom_info === null ? null : JSON.stringify(input.custom_info);

  const results = await db.$client.batch<CountsRow>([
    d1Statement(
      db,
      sql`INSERT INTO ${users} (id, created_at, updated_at)
        SELECT value, ${now}, ${now} FROM json_each(${JSON.stringify(knownIds)}) WHERE true
        ON CONFLICT (id) DO NOTHING`,
    ),
    d1Statement(
      db,
      sql`INSERT INTO ${notifications}
          (id, uid, user_id, notification, model, is_read, custom_info, created_by, status, created_at, updated_at)
        SELECT ${nextNotificationId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), ${JSON.stringify(document)},
          ${document.model}, 0, ${customInfo}, ${createdBy}, 'ACTIVE', ${now}, ${now}
        FROM json_each(${JSON.stringify(rows)})`,
    ),
    // Exact without a recount: each recipient gained one ACTIVE unread row.
    // (Kept third: its RETURNING rows are read below.)
    d1Statement(
      db,
      sql`UPDATE ${users}
        SET total_notifications = total_notifications + 1, counts_version = counts_version + 1
        WHERE ${inJsonList(users.id, recipients)}
        RETURNING id AS userId, total_notifications AS total, read_notifications AS read, counts_version AS version,
          has_sockets AS listening`,
    ),
    d1Statement(db, advanceNotificationIds),
    ...alsoWrite({ created: rows.length, uids: rows.map(([uid]) => uid as string) }),
  ]);
  const counted = results[2]?.results ?? [];
  return {
    created: rows.length,
    uids: rows.map(([uid]) => uid as string),
    updates: counted.map(({ userId, listening, ...counts }) => ({ userId, counts, listening: listening === 1 })),
  };
}

import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { NotificationRow } from "../db/schema";
import { d1Statement } from "../db/sql";
import { frameOf } from "../realtime/frames";
import { bumpVersions, type CountsRow, type CountsUpdate, countsUpdates } from "./counts";
import type { RowsSource } from "./create";
import { type OutboxRow, recordCreated } from "./outbox";
import { type NotificationItem, notificationItem, type UserSummary, userSummary } from "./serialize";

/** A notification row as its insert returns it (see insertNotificationRows). */
export type InsertedRow = { id: number; uid: string; userId: string };
type SummaryRow = { id: string; firstName: string; lastName: string; email: string };

/**
 * After the rows of a create (`pairs` of [uid, userId], one per recipient): bump the recipients'
 * versions, write their outbox rows (`created`, or `counts` for those who got no row), and return
 * the user summaries the items need (listening recipients and the creator), in the same batch.
 */
export function createdEvents(db: Db, rows: [string, string][], createdBy: string | null, now: string) {
  // One outbox row per bumped user: a recipient listed twice (a fan-out message from before
  // recipients were deduplicated) is bumped once.
  const pairs = [...new Map(rows.map((pair) => [pair[1], pair])).values()];
  const userIds = pairs.map(([, userId]) => userId);
  return [
    d1Statement(db, bumpVersions(userIds)),
    d1Statement(db, recordCreated(pairs, now)),
    d1Statement(
      db,
      sql`SELECT id, first_name AS firstName, last_name AS lastName, email FROM users
        WHERE id IN (SELECT value FROM json_each(${JSON.stringify(userIds)})) AND has_sockets = 1
        OR id = ${createdBy}`,
    ),
  ];
}

/**
 * The counts updates of a create, each with its ready events.v1 frame: the item rendered in JS
 * from what the create wrote (the same fields GET would read back), so the hubs need no D1 read.
 * `results` are those of createdEvents' statements, in order.
 */
export function createdUpdates(source: RowsSource, inserted: InsertedRow[], results: D1Result[]): CountsUpdate[] {
  const [bumped, recorded, summaries] = results as [D1Result<CountsRow>, D1Result<OutboxRow>, D1Result<SummaryRow>];
  const people = new Map(summaries.results.map((row) => [row.id, userSummary(row)]));
  const creator = source.createdBy === null ? null : (people.get(source.createdBy) ?? null);
  const rowsByUser = new Map(inserted.map((row) => [row.userId, row]));
  const events = new Map(recorded.results.map((row) => [row.userId, row]));
  return countsUpdates(bumped.results).map((update) => {
    const event = events.get(update.userId);
    if (!update.listening || !event) return update;
    const row = rowsByUser.get(update.userId);
    const owner = people.get(update.userId);
    const item = row && owner ? createdItem(source, row, owner, creator) : null;
    return { ...update, frame: frameOf(event, item) };
  });
}

/** The item as GET renders the stored row: JSON values as they come back from their stored text. */
function createdItem(
  { document, customInfo, createdBy, now, fields }: RowsSource,
  { id, uid, userId }: InsertedRow,
  owner: UserSummary,
  creator: UserSummary | null,
): NotificationItem {
  const stored = (value: unknown) => (value === null || value === undefined ? null : JSON.parse(JSON.stringify(value)));
  const row: NotificationRow = {
    id,
    uid,
    userId,
    notification: stored(document),
    model: document.model,
    isRead: false,
    customInfo: stored(customInfo),
    createdBy,
    status: "ACTIVE",
    createdAt: now,
    updatedAt: now,
    seenAt: null,
    readAt: null,
    archivedAt: null,
    interactedAt: null,
    interactedAction: null,
    category: fields.category,
    tags: stored(fields.tags),
    actionUrl: fields.actionUrl,
    actions: stored(fields.actions),
    expiresAt: fields.expiresAt,
    expiredAt: null,
    groupKey: fields.groupKey,
    inbox: 0,
  };
  return notificationItem(row, owner, creator);
}

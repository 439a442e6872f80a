import { and, desc, eq, lt, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { notifications, type UserRow, users } from "../db/schema";
import { invalidPage } from "../errors";
import { assertAccountUsable, findUser } from "../users/service";
import { type Counts, countsOf } from "./counts";
import type { ListQuery } from "./schemas";
import { bareUserSummary, type NotificationItem, notificationItem, type UserSummary, userSummary } from "./serialize";

const creator = alias(users, "creator");

/**
 * A joined user's summary columns under distinct names. drizzle maps D1 batch rows by position
 * after D1 returned them as objects, so two columns both named `id` would shift every field.
 */
export function summaryColumns(table: Record<"id" | "firstName" | "lastName" | "email", SQLWrapper>, prefix: string) {
  return {
    id: sql<string | null>`${table.id}`.as(`${prefix}_id`),
    firstName: sql<string>`${table.firstName}`.as(`${prefix}_first_name`),
    lastName: sql<string>`${table.lastName}`.as(`${prefix}_last_name`),
    email: sql<string>`${table.email}`.as(`${prefix}_email`),
  };
}

/** A summary from a left join, or null when the joined user is missing. */
export function joinedSummary(columns: { id: string | null; firstName: string; lastName: string; email: string }) {
  return columns.id === null ? null : userSummary({ ...columns, id: columns.id });
}

/** Notifications with their creator (left join: the creator may be gone). */
export function selectWithCreator(db: Db, where: SQL | undefined) {
  return db
    .select({ row: notifications, creator: summaryColumns(creator, "creator") })
    .from(notifications)
    .leftJoin(creator, eq(notifications.createdBy, creator.id))
    .where(where)
    .orderBy(desc(notifications.id));
}

/** The feed's indexes: by status, and by status and is_read (both end in id, the feed's order). */
export type FeedIndex = "notifications_feed_idx" | "notifications_feed_read_idx";

/**
 * One feed page, newest first: its ids come from `index`, then the rows by id. Left to itself
 * SQLite walks the clustered primary key (user_id, id) and filters, which reads every row of a
 * user whose newest rows are read or removed; through the index a page costs its own rows.
 */
export function feedPage(db: Db, where: SQL | undefined, index: FeedIndex, limit: number, offset: number) {
  const ids = sql`SELECT ${notifications.id} FROM ${notifications} INDEXED BY ${sql.identifier(index)}
    WHERE ${where} ORDER BY ${notifications.id} DESC LIMIT ${limit} OFFSET ${offset}`;
  return selectWithCreator(db, sql`${notifications.id} IN (${ids})`);
}

type RowWithCreator = Awaited<ReturnType<ReturnType<typeof selectWithCreator>["all"]>>[number];

export function toItem(entry: RowWithCreator, owner: UserSummary): NotificationItem {
  return notificationItem(entry.row, owner, joinedSummary(entry.creator));
}

export function ownerSummary(user: UserRow | undefined, userId: string): UserSummary {
  return user ? userSummary(user) : bareUserSummary(userId);
}

export type FeedPage = {
  counts: Counts;
  items: NotificationItem[];
  hasMore: boolean;
  nextPage: number | null;
  nextCursor: number | null;
};

export const FIRST_PAGE: ListQuery = { page: 1, pageSize: 25, isRead: null, cursor: null };

/**
 * A user's ACTIVE notifications, newest first, with the counts (which ignore the filter). The user
 * row and the page are read in one batch, so counts and items come from the same snapshot.
 */
export async function readFeed(db: Db, userId: string, query: ListQuery): Promise<FeedPage> {
  let page = query.page;
  if (page === null) throw invalidPage();
  if (page === "last" && query.cursor === null) {
    const user = await findUser(db, userId);
    page = Math.max(1, Math.ceil(filteredTotal(countsOf(user), query.isRead) / query.pageSize));
  }
  const pageNumber = page === "last" ? 1 : page;
  const where = and(
    eq(notifications.userId, userId),
    eq(notifications.status, "ACTIVE"),
    query.isRead === null ? undefined : eq(notifications.isRead, query.isRead),
    query.cursor === null ? undefined : lt(notifications.id, query.cursor),
  );
  const offset = query.cursor === null ? (pageNumber - 1) * query.pageSize : 0;
  const [userRows, rows] = await db.batch([
    db.select().from(users).where(eq(users.id, userId)),
    // One extra row tells whether another page follows without a count query.
    feedPage(
      db,
      where,
      query.isRead === null ? "notifications_feed_idx" : "notifications_feed_read_idx",
      query.pageSize + 1,
      offset,
    ),
  ]);
  const user = userRows[0];
  assertAccountUsable(user);
  const counts = countsOf(user);
  if (query.cursor === null) {
    const pages = Math.max(1, Math.ceil(filteredTotal(counts, query.isRead) / query.pageSize));
    if (pageNumber > pages) throw invalidPage();
  }
  const hasMore = rows.length > query.pageSize;
  const owner = ownerSummary(user, userId);
  const items = rows.slice(0, query.pageSize).map((entry) => toItem(entry, owner));
  return {
    counts,
    items,
    hasMore,
    nextPage: hasMore && query.cursor === null ? pageNumber + 1 : null,
    nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null,
  };
}

function filteredTotal(counts: Counts, isRead: boolean | null): number {
  if (isRead === null) return counts.total;
  return isRead ? counts.read : counts.total - counts.read;
}

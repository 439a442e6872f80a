import { and, desc, eq, inArray, lt, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { notifications, notificationTags, type UserRow, users } from "../db/schema";
import { ApiError, invalidPage } from "../errors";
import { nowIso } from "../lib/time";
import { assertAccountUsable } from "../users/service";
import { type Counts, countsOf } from "./counts";
import { currentUser, readAfterExpiry } from "./expiry";
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

/** The feed's indexes: by where the row shows (inbox), then by read state or category; all end in id. */
export type FeedIndex = "notifications_inbox_idx" | "notifications_inbox_read_idx" | "notifications_inbox_category_idx";

/**
 * One feed page, newest first: its ids come from `index`, then the rows by id. Left to itself
 * SQLite walks the clustered primary key (user_id, id) and filters, which reads every row of a
 * user whose newest rows are read or removed; through the index a page costs its own rows.
 */
export function feedPage(db: Db, where: SQL | undefined, index: FeedIndex | null, limit: number, offset: number) {
  const indexed = index === null ? sql`` : sql`INDEXED BY ${sql.identifier(index)}`;
  const ids = sql`SELECT ${notifications.id} FROM ${notifications} ${indexed}
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

export const FIRST_PAGE: ListQuery = {
  page: 1,
  pageSize: 25,
  isRead: null,
  cursor: null,
  archived: "exclude",
  category: null,
  tag: null,
  grouped: false,
};

/** Whether the query uses the inbox model's filters (the original's page rules apply otherwise). */
const filtered = (query: ListQuery) => query.archived !== "exclude" || query.category !== null || query.tag !== null;

type FeedColumns = Record<"id" | "userId" | "inbox" | "isRead" | "category", SQLiteColumn>;

/**
 * The rows a feed query selects (all but the cursor), on `t`: the notifications table or an alias
 * of it, so the grouped feed can apply the same filters to a group's other rows.
 */
export function feedFilter(db: Db, t: FeedColumns, userId: string, query: ListQuery): SQL | undefined {
  return and(
    eq(t.userId, userId),
    query.archived === "exclude" ? eq(t.inbox, 0) : query.archived === "only" ? eq(t.inbox, 1) : lt(t.inbox, 2),
    query.isRead === null ? undefined : eq(t.isRead, query.isRead),
    query.category === null ? undefined : eq(t.category, query.category),
    query.tag === null
      ? undefined
      : inArray(
          t.id,
          db
            .select({ id: notificationTags.notificationId })
            .from(notificationTags)
            .where(and(eq(notificationTags.userId, userId), eq(notificationTags.tag, query.tag))),
        ),
  );
}

/** The index that walks the query's rows newest first (none for archived=include: two inbox values). */
export function feedIndex(query: ListQuery): FeedIndex | null {
  if (query.archived === "include") return null;
  if (query.category !== null) return "notifications_inbox_category_idx";
  return query.isRead !== null ? "notifications_inbox_read_idx" : "notifications_inbox_idx";
}

/**
 * A user's live notifications (or archived ones: `archived`), newest first, with the counts (which
 * ignore the filters, as the original's do). Due expiries are applied, then the user row and the
 * page are read, in one batch: counts and items come from the same snapshot.
 */
export async function readFeed(db: Db, userId: string, query: ListQuery): Promise<FeedPage> {
  let page = query.page;
  if (page === null) throw invalidPage();
  const now = nowIso();
  if (page === "last" && filtered(query)) {
    // The last page needs the filtered total, which only the unfiltered feed has at hand.
    throw ApiError.field("page", '"last" works on the unfiltered feed: page with next_cursor instead.');
  }
  if (page === "last" && query.cursor === null) {
    const user = await currentUser(db, userId, now);
    page = Math.max(1, Math.ceil(filteredTotal(countsOf(user), query.isRead) / query.pageSize));
  }
  const pageNumber = page === "last" ? 1 : page;
  const cursor = query.cursor === null ? undefined : lt(notifications.id, query.cursor);
  const where = and(feedFilter(db, notifications, userId, query), cursor);
  const index = feedIndex(query);
  const offset = query.cursor === null ? (pageNumber - 1) * query.pageSize : 0;
  const [userRows, rows] = await readAfterExpiry(
    db,
    userId,
    now,
    () =>
      db.batch([
        db.select().from(users).where(eq(users.id, userId)),
        // One extra row tells whether another page follows without a count query.
        feedPage(db, where, index, query.pageSize + 1, offset),
      ]),
    ([found]) => found[0],
  );
  const user = userRows[0];
  assertAccountUsable(user);
  const counts = countsOf(user);
  if (query.cursor === null && !filtered(query)) {
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
